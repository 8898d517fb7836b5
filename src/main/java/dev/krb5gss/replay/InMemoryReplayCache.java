package dev.krb5gss.replay;

import dev.krb5gss.name.PrincipalName;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded in-memory {@link ReplayCache} for one JVM (RFC 4120 §3.2.3). Each entry is the first
 * 128 bits of the {@link ReplayKey#digest()}, an expiry in milliseconds and a reference to its
 * client's share counter, about 100 bytes on a 64-bit JVM with compressed oops. The
 * check-and-insert is one atomic {@link ConcurrentHashMap#compute} per key. An entry is live while
 * the clock is before its expiry. Expired entries are replaced in place when their key returns,
 * and swept when the cache or a client's share is full (at most once per
 * {@link #SWEEP_INTERVAL_MILLIS} of the clock, so a full cache under load is not swept on every
 * call).
 *
 * <p>Two bounds, both refusing with {@link ReplayCacheFullException} instead of evicting live
 * entries (forgetting one would let its authenticator be replayed):
 * <ul>
 *   <li>{@code maxPerClient}: the live entries of one client principal. An authenticated user who
 *       sends new authenticators as fast as it can fills its own share and is refused, while
 *       every other client is still served. Default: a tenth of {@code maxEntries}.
 *   <li>{@code maxEntries}: all live entries (memory bound); reached only when ten or more clients
 *       each use a full share, or many clients together.
 * </ul>
 * Concurrent inserts may overshoot either bound by at most the number of concurrent callers.
 */
public final class InMemoryReplayCache implements ReplayCache {
  /** The default bound, about 100 MB when full. */
  public static final int DEFAULT_MAX_ENTRIES = 1_000_000;
  /** The default share of one client is {@code maxEntries / DEFAULT_SHARE_DIVISOR}. */
  public static final int DEFAULT_SHARE_DIVISOR = 10;
  static final long SWEEP_INTERVAL_MILLIS = 1000;

  private final ConcurrentHashMap<Digest, Entry> entries = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<PrincipalName, Share> shares = new ConcurrentHashMap<>();
  private final Clock clock;
  private final int maxEntries;
  private final int maxPerClient;
  private final AtomicLong lastSweep = new AtomicLong(Long.MIN_VALUE);

  /**
   * A cache of at most {@code maxEntries} live entries, at most {@code maxPerClient} of them from
   * one client principal.
   *
   * @throws IllegalArgumentException unless {@code 1 <= maxPerClient <= maxEntries}
   */
  public InMemoryReplayCache(Clock clock, int maxEntries, int maxPerClient) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive, got " + maxEntries);
    }
    if (maxPerClient < 1 || maxPerClient > maxEntries) {
      throw new IllegalArgumentException("maxPerClient must be between 1 and maxEntries ("
          + maxEntries + "), got " + maxPerClient);
    }
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxEntries = maxEntries;
    this.maxPerClient = maxPerClient;
  }

  /** A cache whose per-client share is a tenth of {@code maxEntries} (at least 1). */
  public InMemoryReplayCache(Clock clock, int maxEntries) {
    this(clock, maxEntries, Math.max(1, maxEntries / DEFAULT_SHARE_DIVISOR));
  }

  /** A cache on the system UTC clock with {@link #DEFAULT_MAX_ENTRIES}. */
  public InMemoryReplayCache() {
    this(Clock.systemUTC(), DEFAULT_MAX_ENTRIES);
  }

  /** The most live entries one client principal may hold. */
  public int maxPerClient() {
    return maxPerClient;
  }

  @Override
  public boolean checkAndInsert(ReplayKey key, Instant expiresAt) throws ReplayCacheFullException {
    long now = clock.millis();
    long expiry = expiresAt.toEpochMilli();
    Digest d = new Digest(key.digestHigh(), key.digestLow());
    PrincipalName client = key.client();
    // Near a bound only: a present key is a replay (answered below, never refused as full).
    // Far from both bounds the insert needs no room check, and the big table is probed once.
    if ((held(client) >= maxPerClient || entries.size() >= maxEntries) && !entries.containsKey(d)) {
      checkRoom(client, now);
    }
    Share[] inserted = new Share[1];
    entries.compute(d, (k, old) -> {
      if (old == null || old.expiry <= now) {
        if (old != null) {
          release(old.share);
        }
        inserted[0] = acquire(client);
        return new Entry(expiry, inserted[0]);
      }
      return old;
    });
    return inserted[0] != null;
  }

  private void checkRoom(PrincipalName client, long now) throws ReplayCacheFullException {
    if (held(client) >= maxPerClient || entries.size() >= maxEntries) {
      sweep(now);
    }
    if (entries.size() >= maxEntries) {
      throw new ReplayCacheFullException("the replay cache holds " + entries.size()
          + " unexpired authenticators (maximum " + maxEntries + "); raise the maximum or "
          + "reduce the clock skew window");
    }
    int held = held(client);
    if (held >= maxPerClient) {
      throw new ReplayCacheFullException(client + " holds " + held + " unexpired authenticators "
          + "in the replay cache, its share of " + maxPerClient + " (of " + maxEntries
          + "); its new authenticators are refused until older ones expire, other clients are "
          + "still served. A client should reuse its context or connection instead of sending a "
          + "new AP-REQ per request; if this volume is legitimate, raise maxPerClient");
    }
  }

  private int held(PrincipalName client) {
    Share s = shares.get(client);
    return s == null ? 0 : s.count;
  }

  /** Counts one more entry for {@code client}; the share object is canonical per client. */
  private Share acquire(PrincipalName client) {
    return shares.compute(client, (c, s) -> {
      Share share = s != null ? s : new Share(c);
      share.count++;
      return share;
    });
  }

  /** Counts one entry less; the share is dropped at zero so idle clients cost nothing. */
  private void release(Share share) {
    shares.computeIfPresent(share.client, (c, s) -> --s.count == 0 ? null : s);
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
    int removed = 0;
    for (Map.Entry<Digest, Entry> e : entries.entrySet()) {
      Entry v = e.getValue();
      if (v.expiry <= now && entries.remove(e.getKey(), v)) {
        release(v.share);
        removed++;
      }
    }
    return removed;
  }

  @Override
  public String toString() {
    return "InMemoryReplayCache[" + entries.size() + "/" + maxEntries + ", " + maxPerClient
        + " per client]";
  }

  /** 128 bits of a replay key's digest. */
  private record Digest(long high, long low) {}

  /** An entry's expiry (epoch milliseconds, exclusive) and the share it counts against. */
  private record Entry(long expiry, Share share) {}

  /** How many entries one client holds; mutated only inside {@code shares.compute}. */
  private static final class Share {
    final PrincipalName client;
    volatile int count;

    Share(PrincipalName client) {
      this.client = client;
    }
  }
}
