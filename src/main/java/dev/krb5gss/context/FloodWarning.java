package dev.krb5gss.context;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * At most one WARNING per minute while the pending store refuses or evicts negotiations, with
 * its counts; never a line per request (a flood must not become a log flood).
 */
final class FloodWarning {
  static final long INTERVAL_MILLIS = 60_000;
  private static final System.Logger LOG = System.getLogger(PendingContextStore.class.getName());

  private final Clock clock;
  private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);

  FloodWarning(Clock clock) {
    this.clock = clock;
  }

  /** Logs {@code message} unless a line was logged less than a minute ago. */
  void maybeLog(Supplier<String> message) {
    long now = clock.millis();
    long allowed = nextAllowed.get();
    if (now >= allowed && nextAllowed.compareAndSet(allowed, now + INTERVAL_MILLIS)) {
      LOG.log(Level.WARNING, message.get());
    }
  }
}
