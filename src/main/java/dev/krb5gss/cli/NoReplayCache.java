package dev.krb5gss.cli;

import dev.krb5gss.replay.ReplayCache;
import dev.krb5gss.replay.ReplayKey;
import java.time.Instant;

/**
 * A replay cache that remembers nothing: {@code explain} runs the acceptor on a token the real
 * service already accepted, which a real cache (RFC 4120 §3.2.3) would refuse as a replay. Only
 * for diagnosis; never for a service.
 */
final class NoReplayCache implements ReplayCache {
  @Override
  public boolean checkAndInsert(ReplayKey key, Instant expiresAt) {
    return true;
  }

  @Override
  public int size() {
    return 0;
  }
}
