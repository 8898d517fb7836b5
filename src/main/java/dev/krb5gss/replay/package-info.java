/**
 * Replay detection for AP-REQ authenticators (RFC 4120 §3.2.3, RFC 4121 §4.1): the
 * {@link dev.krb5gss.replay.ReplayCache} seam and a bounded, thread-safe in-memory cache.
 */
package dev.krb5gss.replay;
