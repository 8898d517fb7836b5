/**
 * A replay cache shared by the nodes of a cluster (RFC 4120 §3.2.3), in Redis or Valkey through
 * Lettuce ({@code io.lettuce:lettuce-core}, an optional dependency: nothing here is loaded unless
 * a {@code redis://}-style replay cache is configured). See
 * {@link dev.krb5gss.replay.redis.RedisReplayCache}.
 */
package dev.krb5gss.replay.redis;
