package dev.krb5gss.replay;

import dev.krb5gss.name.PrincipalName;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded in-memory {@link ReplayCache} for one JVM (RFC 4120 §3.2.3). An entry is the first 128
 * bits of the {@link ReplayKey#digest()} and an expiry in milliseconds, held in primitive arrays (no
 * object per entry), plus a reference to its client's share counter: 28 bytes a slot on a 64-bit
 * JVM with compressed oops, at most 75 bytes an entry with the table's load factor. Recording an
 * authenticator allocates nothing once the table has grown to the load, so a cache holding minutes
 * of authenticators adds no work to the garbage collector's young collections.
 *
 * <p>The table is split into {@value #SEGMENTS} segments by the digest's top bits, each an
 * open-addressing (linear probing) table under its own lock; the check and the insert are one step
 * under that lock. An entry is live while the clock is before its expiry. An expired entry's slot
 * is reused by the next insert that probes over it, and expired entries are dropped whenever a
 * segment is rebuilt to grow, and when the cache or a client's share is full (at most once per
 * {@link #SWEEP_INTERVAL_MILLIS} of the clock, so a full cache under load is not swept on every
 * call).
 *
 * <p>Two bounds, both refusing with {@link ReplayCacheFullException} instead of evicting live
 * entries (forgetting one would let its authenticator be replayed):
 * <ul>
 *   <li>{@code maxPerClient}: the live entries of one client principal. An authenticated user who
 *       sends new authenticators as fast as it can fills its own share and is refused, while
 *       every other client is still served. Default: a tenth of {@code maxEntries}.
 *   <li>{@code maxEntries}: all entries (memory bound); reached only when ten or more clients
 *       each use a full share, or many clients together.
 * </ul>
 * Concurrent inserts may overshoot either bound by at most the number of concurrent callers.
 */
public final class InMemoryReplayCache implements ReplayCache {
  /** The default bound, at most 75 MB when full. */
  public static final int DEFAULT_MAX_ENTRIES = 1_000_000;
  /** The default share of one client is {@code maxEntries / DEFAULT_SHARE_DIVISOR}. */
  public static final int DEFAULT_SHARE_DIVISOR = 10;
  static final long SWEEP_INTERVAL_MILLIS = 1000;
  /** Segments (a power of two), chosen by the digest's top bits. */
  static final int SEGMENTS = 64;

  private final Segment[] segments = new Segment[SEGMENTS];
  private final ConcurrentHashMap<PrincipalName, Share> shares = new ConcurrentHashMap<>();
  /** Entries held, expired ones included until their slot is reused or dropped. */
  private final AtomicInteger held = new AtomicInteger();
  private final Clock clock;
  private final int maxEntries;
  private final int maxPerClient;
  private final AtomicLong lastSweep = new AtomicLong(Long.MIN_VALUE);
  /**
   * Secret per cache, mixed into where an entry goes: an authenticated client knows its
   * authenticators' digests and could otherwise grind them into one segment's probe chain, making
   * every insert there scan its whole share.
   */
  private final long segmentSeed = dev.krb5gss.crypto.SecureRandoms.current().nextLong();
  private final long slotSeed = dev.krb5gss.crypto.SecureRandoms.current().nextLong();

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
    for (int i = 0; i < SEGMENTS; i++) {
      segments[i] = new Segment();
    }
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
    // 0 marks an empty slot; an expiry at or before the epoch is as expired as 1.
    long expiry = Math.max(1, expiresAt.toEpochMilli());
    long high = key.digestHigh();
    long low = key.digestLow();
    PrincipalName client = key.client();
    Segment segment = segments[(int) ((high ^ segmentSeed) >>> 58) & (SEGMENTS - 1)];
    boolean checkedRoom = false;
    while (true) {
      int outcome;
      synchronized (segment) {
        outcome = segment.insert(high, low, expiry, now, client, checkedRoom);
      }
      if (outcome != Segment.NEEDS_ROOM) {
        return outcome == Segment.INSERTED;
      }
      // A new key near a bound: sweep (outside the segment's lock: the sweep takes every
      // segment's in turn) and refuse if there is still no room, else insert without re-checking
      // (another caller may have filled the room meanwhile: the overshoot the class allows).
      checkRoom(client, now);
      checkedRoom = true;
    }
  }

  private boolean nearBound(PrincipalName client) {
    return held.get() >= maxEntries || heldBy(client) >= maxPerClient;
  }

  private void checkRoom(PrincipalName client, long now) throws ReplayCacheFullException {
    if (nearBound(client)) {
      sweep(now);
    }
    int all = held.get();
    if (all >= maxEntries) {
      throw new ReplayCacheFullException("the replay cache holds " + all
          + " unexpired authenticators (maximum " + maxEntries + "); raise the maximum or "
          + "reduce the clock skew window");
    }
    int mine = heldBy(client);
    if (mine >= maxPerClient) {
      throw new ReplayCacheFullException(client + " holds " + mine + " unexpired authenticators "
          + "in the replay cache, its share of " + maxPerClient + " (of " + maxEntries
          + "); its new authenticators are refused until older ones expire, other clients are "
          + "still served. A client should reuse its context or connection instead of sending a "
          + "new AP-REQ per request; if this volume is legitimate, raise maxPerClient");
    }
  }

  private int heldBy(PrincipalName client) {
    Share s = shares.get(client);
    return s == null ? 0 : Math.max(0, s.count.get());
  }

  /** Counts one more entry for {@code client}; a share is canonical per client while counted. */
  private Share acquire(PrincipalName client) {
    while (true) {
      Share s = shares.get(client);
      if (s == null) {
        s = shares.computeIfAbsent(client, Share::new);
      }
      if (s.tryAcquire()) {
        return s;
      }
      // It reached zero and was retired between the lookup and the increment: look again.
      shares.remove(client, s);
    }
  }

  /** Counts one entry less; a share retired at zero is dropped so idle clients cost nothing. */
  private void release(Share share) {
    if (share.release()) {
      shares.remove(share.client, share);
    }
  }

  @Override
  public int size() {
    return held.get();
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
    for (Segment s : segments) {
      synchronized (s) {
        removed += s.rebuild(s.owners.length, now);
      }
    }
    return removed;
  }

  /**
   * Forgets every entry: for benchmarks that accept one token file pass after pass on one JVM
   * (reached by reflection; never in a server, where it would let every remembered authenticator
   * be replayed). Not atomic with concurrent inserts.
   */
  void clear() {
    for (Segment s : segments) {
      synchronized (s) {
        s.clear();
      }
    }
    shares.clear();
    held.set(0);
  }

  @Override
  public String toString() {
    return "InMemoryReplayCache[" + held.get() + "/" + maxEntries + ", " + maxPerClient
        + " per client]";
  }

  /**
   * One open-addressing table: slot {@code i} is {@code slots[3i]} (digest high),
   * {@code slots[3i+1]} (digest low), {@code slots[3i+2]} (expiry, 0 when the slot is empty) and
   * {@code owners[i]}. An expired entry keeps its slot (probe chains stay intact) until an insert
   * reuses it or the segment is rebuilt. Guarded by the segment's monitor.
   */
  private final class Segment {
    static final int INSERTED = 0;
    static final int REPLAY = 1;
    static final int NEEDS_ROOM = 2;
    private static final int INITIAL_CAPACITY = 8;

    long[] slots = new long[3 * INITIAL_CAPACITY];
    Share[] owners = new Share[INITIAL_CAPACITY];
    /** Slots that are not empty (live or expired). */
    int occupied;

    int insert(long high, long low, long expiry, long now, PrincipalName client,
        boolean roomChecked) {
      int mask = owners.length - 1;
      int reusable = -1;
      int i = slot(low, mask);
      for (int probes = 0; probes <= mask; probes++, i = (i + 1) & mask) {
        int at = 3 * i;
        long e = slots[at + 2];
        if (e == 0) {
          break;
        }
        if (slots[at] == high && slots[at + 1] == low) {
          if (e > now) {
            return REPLAY;
          }
          // The same key, expired: renewed in place and counted once (no room check).
          Share previous = owners[i];
          owners[i] = acquire(client);
          release(previous);
          slots[at + 2] = expiry;
          return INSERTED;
        }
        if (reusable < 0 && e <= now) {
          reusable = i;
        }
      }
      if (!roomChecked && nearBound(client)) {
        return NEEDS_ROOM;
      }
      Share share = acquire(client);
      if (reusable >= 0) {
        Share previous = owners[reusable];
        put(reusable, high, low, expiry, share);
        release(previous);
        return INSERTED;
      }
      if (4 * (occupied + 1) > 3 * owners.length) {
        // Above three quarters: drop the expired, and double unless that freed half.
        rebuild(2 * (occupied - countExpired(now)) + 2 > owners.length
            ? 2 * owners.length : owners.length, now);
        mask = owners.length - 1;
      }
      i = slot(low, mask);
      while (slots[3 * i + 2] != 0) {
        i = (i + 1) & mask;
      }
      occupied++;
      held.incrementAndGet();
      put(i, high, low, expiry, share);
      return INSERTED;
    }

    void clear() {
      slots = new long[3 * INITIAL_CAPACITY];
      owners = new Share[INITIAL_CAPACITY];
      occupied = 0;
    }

    /** The home slot of a digest: its low half keyed with the cache's secret, then mixed. */
    private int slot(long low, int mask) {
      return (int) (((low ^ slotSeed) * 0x9E3779B97F4A7C15L) >>> 32) & mask;
    }

    private void put(int i, long high, long low, long expiry, Share share) {
      slots[3 * i] = high;
      slots[3 * i + 1] = low;
      slots[3 * i + 2] = expiry;
      owners[i] = share;
    }

    private int countExpired(long now) {
      int n = 0;
      for (int i = 2; i < slots.length; i += 3) {
        long e = slots[i];
        if (e != 0 && e <= now) {
          n++;
        }
      }
      return n;
    }

    /** Re-inserts the live entries into a table of {@code capacity}; returns how many expired. */
    int rebuild(int capacity, long now) {
      long[] oldSlots = slots;
      Share[] oldOwners = owners;
      long[] newSlots = new long[3 * capacity];
      Share[] newOwners = new Share[capacity];
      int mask = capacity - 1;
      int live = 0;
      int expired = 0;
      for (int j = 0; j < oldOwners.length; j++) {
        long e = oldSlots[3 * j + 2];
        if (e == 0) {
          continue;
        }
        if (e <= now) {
          release(oldOwners[j]);
          expired++;
          continue;
        }
        long low = oldSlots[3 * j + 1];
        int i = slot(low, mask);
        while (newSlots[3 * i + 2] != 0) {
          i = (i + 1) & mask;
        }
        newSlots[3 * i] = oldSlots[3 * j];
        newSlots[3 * i + 1] = low;
        newSlots[3 * i + 2] = e;
        newOwners[i] = oldOwners[j];
        live++;
      }
      slots = newSlots;
      owners = newOwners;
      occupied = live;
      held.addAndGet(-expired);
      return expired;
    }
  }

  /**
   * How many entries one client holds. Retired (-1) when it falls to zero, after which it is never
   * counted again and a new share replaces it in the map.
   */
  private static final class Share {
    final PrincipalName client;
    final AtomicInteger count = new AtomicInteger();

    Share(PrincipalName client) {
      this.client = client;
    }

    boolean tryAcquire() {
      while (true) {
        int c = count.get();
        if (c < 0) {
          return false;
        }
        if (count.compareAndSet(c, c + 1)) {
          return true;
        }
      }
    }

    /** Returns true if this release retired the share. */
    boolean release() {
      if (count.decrementAndGet() == 0) {
        return count.compareAndSet(0, -1);
      }
      return false;
    }
  }
}
