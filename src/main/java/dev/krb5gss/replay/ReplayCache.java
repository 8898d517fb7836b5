package dev.krb5gss.replay;

import java.time.Instant;

/**
 * A replay cache for AP-REQ authenticators (RFC 4120 §3.2.3, RFC 4121 §4.1: the acceptor must
 * detect a replayed authenticator within the clock-skew window). Implementations are thread-safe
 * and the check and the insert are one atomic step, so two concurrent copies of one authenticator
 * cannot both pass.
 */
public interface ReplayCache {
  /**
   * Records {@code key} until {@code expiresAt}.
   *
   * @return true if the key was not present (or only expired) and is now recorded; false if it is
   *     a replay
   * @throws ReplayCacheFullException if the cache cannot record the key; the caller must refuse
   * @throws ReplayCacheUnavailableException if a shared cache cannot be consulted (unreachable or
   *     too slow); the caller must refuse
   */
  boolean checkAndInsert(ReplayKey key, Instant expiresAt)
      throws ReplayCacheFullException, ReplayCacheUnavailableException;

  /**
   * The number of entries held (expired ones may still be counted until swept), or -1 when the
   * cache cannot tell cheaply (a shared cache whose entries live in another process).
   */
  int size();
}
