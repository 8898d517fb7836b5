/**
 * A replay cache shared by the nodes of a cluster (RFC 4120 §3.2.3), in Redis or Valkey through
 * Lettuce ({@code io.lettuce:lettuce-core}, an optional dependency: nothing here is loaded unless
 * a {@code redis://}-style replay cache is configured). See
 * {@link dev.krb5gss.replay.redis.RedisReplayCache} for the protocol and the fail-closed
 * behaviour, and {@link dev.krb5gss.replay.ReplayCaches} for the URIs and where to configure them.
 *
 * <p>Only the replay cache is shared. A SPNEGO negotiation that needs more than one leg (an
 * initiator that lists NTLM first, a third leg for the mechListMIC) is held in the
 * {@link dev.krb5gss.context.PendingContextStore} of the node that received its first leg: the
 * load balancer must keep those legs on that node (connection affinity: the client connection kept
 * on the same backend, or sticky sessions). A leg that lands on another
 * node is refused with {@code NO_CONTEXT} (HTTP 401 with a fresh challenge) and the client starts
 * over; one-leg Kerberos and SPNEGO, the common case, can land anywhere.
 */
package dev.krb5gss.replay.redis;
