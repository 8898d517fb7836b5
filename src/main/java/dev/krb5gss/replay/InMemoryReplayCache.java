package dev.krb5gss.replay;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded in-memory {@link ReplayCache} for one JVM (RFC 4120 §3.2.3). Each entry is the first
 * 128 bits of the {@link ReplayKey#digest()} and an expiry in milliseconds, about 90 bytes on a
 * 64-bit JVM with compressed oops. The check-and-insert is one atomic
 * {@link ConcurrentHashMap#compute} per key. Expired entries are replaced in place when their key
 * returns, and swept when the cache is full (at most once per {@link #SWEEP_INTERVAL_MILLIS} of
 * the clock, so a full cache under load is not swept on every call). When the cache is still full
 * after a sweep, new keys are refused with {@link ReplayCacheFullException} instead of evicting
 * live entries: forgetting one would let its authenticator be replayed. Concurrent inserts may
 * overshoot {@code maxEntries} by at most the number of concurrent callers.
 */
public final class InMemoryReplayCache implements ReplayCache {
  /** The default bound, about 90 MB when full. */
  public static final int DEFAULT_MAX_ENTRIES = 1_000_000;
  static final long SWEEP_INTERVAL_MILLIS = 1000;

  private final ConcurrentHashMap<Digest, Long> entries = new ConcurrentHashMap<>();
  private final Clock clock;
  private final int maxEntries;
  private final AtomicLong lastSweep = new AtomicLong(Long.MIN_VALUE);

  public InMemoryReplayCache(Clock clock, int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive, got " + maxEntries);
    }
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxEntries = maxEntries;
  }

  /** A cache on the system UTC clock with {@link #DEFAULT_MAX_ENTRIES}. */
  public InMemoryReplayCache() {
    this(Clock.systemUTC(), DEFAULT_MAX_ENTRIES);
  }

  @Override
  public boolean checkAndInsert(ReplayKey key, Instant expiresAt) throws ReplayCacheFullException {
    long now = clock.millis();
    long expiry = expiresAt.toEpochMilli();
    Digest d = new Digest(key.digestHigh(), key.digestLow());
    if (entries.size() >= maxEntries && !entries.containsKey(d)) {
      sweep(now);
      if (entries.size() >= maxEntries) {
        throw new ReplayCacheFullException("the replay cache holds " + entries.size()
            + " unexpired authenticators (maximum " + maxEntries + "); raise the maximum or "
            + "reduce the clock skew window");
      }
    }
    boolean[] inserted = new boolean[1];
    entries.compute(d, (k, old) -> {
      if (old == null || old <= now) {
        inserted[0] = true;
        return expiry;
      }
      return old;
    });
    return inserted[0];
  }

  @Override
  public int size() {
    return entries.size();
  }

  /** Removes expired entries now; returns how many were removed. */
  public int sweepExpired() {
    long now = clock.millis();
    lastSweep.set(now);
    return removeExpired(now);
  }

  private void sweep(long now) {
    long last = lastSweep.get();
    if (last != Long.MIN_VALUE && now - last < SWEEP_INTERVAL_MILLIS) {
      return;
    }
    if (lastSweep.compareAndSet(last, now)) {
      removeExpired(now);
    }
  }

  private int removeExpired(long now) {
    int before = entries.size();
    entries.values().removeIf(expiry -> expiry <= now);
    return Math.max(0, before - entries.size());
  }

  @Override
  public String toString() {
    return "InMemoryReplayCache[" + entries.size() + "/" + maxEntries + "]";
  }

  /** 128 bits of a replay key's digest. */
  private record Digest(long high, long low) {}
}
