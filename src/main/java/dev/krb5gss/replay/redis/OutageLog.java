package dev.krb5gss.replay.redis;

import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Logs an outage of a shared replay cache without flooding the log: one WARNING when it starts
 * and then at most one per {@link #INTERVAL_NANOS} while it lasts (with the count of refused or
 * unchecked tokens since the previous one), and one INFO line when the cache answers again.
 */
final class OutageLog {
  static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final System.Logger LOG = System.getLogger(RedisReplayCache.class.getName());

  private final String cache;
  private final LongSupplier nanoTime;
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong sinceWarning = new AtomicLong();
  private final AtomicLong lastWarning = new AtomicLong();
  private volatile boolean down;

  OutageLog(String cache, LongSupplier nanoTime) {
    this.cache = cache;
    this.nanoTime = nanoTime;
  }

  /** One token met the outage; {@code what} says what happened to it and why. */
  void failure(String what) {
    failures.incrementAndGet();
    long count = sinceWarning.incrementAndGet();
    long now = nanoTime.getAsLong();
    long last = lastWarning.get();
    boolean first = !down;
    if ((first || now - last >= INTERVAL_NANOS) && lastWarning.compareAndSet(last, now)) {
      down = true;
      sinceWarning.addAndGet(-count);
      LOG.log(Level.WARNING, "replay cache " + cache + " unavailable" + (first ? "" : " ("
          + count + " tokens since the last warning)") + ": " + what
          + " (logged at most once a minute while it lasts)");
    }
  }

  /** The cache answered; ends an outage. */
  void success() {
    if (down) {
      synchronized (this) {
        if (down) {
          down = false;
          long n = failures.getAndSet(0);
          sinceWarning.set(0);
          LOG.log(Level.INFO, "replay cache " + cache + " available again after " + n
              + " tokens met the outage");
        }
      }
    }
  }

  boolean isDown() {
    return down;
  }
}
