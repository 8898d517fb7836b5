/**
 * Replay detection for AP-REQ authenticators (RFC 4120 §3.2.3, RFC 4121 §4.1): the
 * {@link dev.krb5gss.replay.ReplayCache} seam, a bounded, thread-safe in-memory cache, and
 * {@link dev.krb5gss.replay.ReplayCaches} to name a cache by URI (the cluster-wide one in Redis
 * lives in {@code dev.krb5gss.replay.redis}).
 */
package dev.krb5gss.replay;
