package dev.krb5gss.context;

import dev.krb5gss.ap.ChannelBindings;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Server contexts held between the legs of a request/response protocol (HTTP Negotiate, RFC 4559
 * §4, where each leg is a new request), keyed by a caller-chosen connection key and counted
 * against a client key (e.g. the client's address). It implements the SSPI advice that the wait
 * for a client's next message must time out: a negotiation whose leg deadline passed is EXPIRED
 * and dropped, on access and by {@link #sweep()}.
 *
 * <p><b>Accept first, hold only when needed.</b> {@link #begin} costs the store nothing: the
 * context takes a slot only when a leg's result asks for another leg (CONTINUE_NEEDED or
 * COMPLETE_AND_CONTINUE). A client whose first token establishes the context (plain Kerberos,
 * SPNEGO with an optimistic Kerberos token) is never refused, however full the store is. A
 * negotiation that fails or completes leaves no trace behind.
 *
 * <p><b>Caps and eviction</b>, in the spirit of SYN-flood defences (RFC 4987 §3.4, recycling
 * the oldest half-open TCB: a newcomer pushes an old half-open entry out rather than being turned
 * away; §3.5, the SYN cache's limit per source, so one source cannot take every slot):
 * <ul>
 *   <li>{@code maxPendingPerKey} per client key: a client key at its cap is refused a further
 *       slot with TOO_MANY_PENDING (it only competes with itself);</li>
 *   <li>{@code maxPending} in all: when the store is full, the newcomer is held and a pending
 *       negotiation is evicted instead, namely the oldest of the client key holding the most
 *       slots if that key holds more than one, else the oldest overall. An attacker spread over
 *       many keys with one slot each must therefore send {@code maxPending} new negotiations
 *       within one round trip of a legitimate client to push that client out; one who stacks
 *       several slots per key is always evicted before a client holding one.</li>
 *   <li>A negotiation past a valid Kerberos leg (SPNEGO waiting only for the client's
 *       mechListMIC, RFC 4178 §5) has proved a ticket; it is evicted only when no unauthenticated
 *       negotiation is left, so a flood of first legs cannot push it out.</li>
 * </ul>
 * The evicted negotiation's next leg gets PENDING_EVICTED from {@link #resume} (an expired one
 * CONTEXT_EXPIRED): each answer comes from that key's own entry, never from someone else's.
 *
 * <p><b>Cost.</b> A held negotiation costs one {@link PendingEntry} and two map entries besides
 * the context (which after an SPNEGO first leg keeps only the selected mechanism and the client's
 * mechanism list for the mechListMIC); the structures follow the number held, so a flood of
 * rejected requests leaves nothing behind. The reasons for recent expiries and evictions are kept
 * for one leg timeout, at most {@code maxPending} of them.
 *
 * <p>Counts ({@link #pendingCount}, {@link #expiredCount}, {@link #refusedCount},
 * {@link #evictedCount}) let an operator see a flood; while the store refuses or evicts it logs
 * one WARNING per minute at most, with the counts. Thread-safe: one short critical section per
 * operation, no thread per context.
 */
public final class PendingContextStore {
  private final Acceptor acceptor;
  private final Clock clock;
  private final int maxPending;
  private final int maxPendingPerKey;
  /** Negotiations that have not authenticated yet (waiting for the Kerberos leg): evicted first. */
  private final PendingSlots open;
  /** Negotiations past a valid Kerberos leg, waiting only for the client's mechListMIC. */
  private final PendingSlots proven;
  private final RecentEnds ends;
  private final FloodWarning warning;
  private volatile int pending;
  private final LongAdder expired = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final LongAdder evicted = new LongAdder();
  private final LongAdder begun = new LongAdder();

  PendingContextStore(Acceptor acceptor, int maxPending, int maxPendingPerKey) {
    this.acceptor = acceptor;
    this.clock = acceptor.clock();
    this.maxPending = maxPending;
    this.maxPendingPerKey = maxPendingPerKey;
    this.open = new PendingSlots(maxPendingPerKey);
    this.proven = new PendingSlots(maxPendingPerKey);
    this.ends = new RecentEnds(maxPending);
    this.warning = new FloodWarning(clock);
  }

  /** {@link #begin(Object, Object)} with the connection key as the client key. */
  public ServerContext begin(Object key) {
    return begin(key, key);
  }

  /**
   * Starts a negotiation under {@code key}, to be counted against {@code clientKey}'s cap (e.g.
   * the client's address when the key is a connection) if a leg asks for another one. A
   * negotiation already pending under {@code key} is disposed: the client started over. Holds no
   * slot yet, so it is never refused here: pass the client's first token to
   * {@link ServerContext#accept}, which holds a slot only if the negotiation needs another leg
   * (and may then be refused with TOO_MANY_PENDING at the per-client cap).
   */
  public ServerContext begin(Object key, Object clientKey) {
    return begin(key, clientKey, null);
  }

  /**
   * {@link #begin(Object, Object)} for a context whose client must present {@code bindings}
   * (RFC 4121 §4.1.1.2; e.g. an HTTP server's TLS channel binding); null means none.
   */
  public ServerContext begin(Object key, Object clientKey, ChannelBindings bindings) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(clientKey, "clientKey");
    List<PendingEntry> ended = new ArrayList<>(0);
    synchronized (this) {
      reapOverdue(clock.instant(), ended);
      ends.take(key); // the client started over: an earlier negotiation's fate is no longer news
      PendingEntry previous = entryUnder(key);
      if (previous != null) {
        release(previous, PendingEntry.Status.REPLACED);
        ended.add(previous);
      }
    }
    finish(ended);
    ServerContext context = acceptor.newContext(bindings);
    context.register(new PendingEntry(this, key, clientKey, context));
    begun.increment();
    return context;
  }

  /**
   * Takes the negotiation pending under {@code key} for its next leg, or says why there is none
   * from that key's own entry: EXPIRED (its deadline passed), EVICTED (pushed out while the store
   * was full), ABSENT. A found context leaves the store while its leg runs (it cannot be evicted
   * mid-leg); if that leg asks for yet another, the context takes a slot again.
   */
  public PendingLookup resume(Object key) {
    Objects.requireNonNull(key, "key");
    List<PendingEntry> ended = new ArrayList<>(0);
    PendingLookup lookup;
    synchronized (this) {
      Instant now = clock.instant();
      reapOverdue(now, ended);
      PendingEntry entry = entryUnder(key);
      if (entry != null && now.isAfter(entry.deadline)) {
        expire(entry, now);
        ended.add(entry);
        entry = null;
      }
      if (entry != null) {
        release(entry, PendingEntry.Status.DETACHED);
        lookup = PendingLookup.found(entry.context);
      } else {
        PendingLookup.Status why = ends.take(key);
        lookup = PendingLookup.ended(why == null ? PendingLookup.Status.ABSENT : why,
            acceptor.legTimeout());
      }
    }
    finish(ended);
    return lookup;
  }

  /**
   * The pending context under {@code key}, left in the store (where it may still expire or be
   * evicted); an overdue one is expired and dropped instead. Prefer {@link #resume}, which says
   * why a context is missing and keeps a context out of eviction while its leg runs.
   */
  public Optional<ServerContext> find(Object key) {
    List<PendingEntry> ended = new ArrayList<>(0);
    ServerContext found = null;
    synchronized (this) {
      Instant now = clock.instant();
      PendingEntry entry = entryUnder(key);
      if (entry != null && now.isAfter(entry.deadline)) {
        expire(entry, now);
        ended.add(entry);
      } else if (entry != null) {
        found = entry.context;
      }
    }
    finish(ended);
    return Optional.ofNullable(found);
  }

  /** Disposes of and drops the context pending under {@code key}, if any. */
  public void remove(Object key) {
    PendingEntry entry;
    synchronized (this) {
      entry = entryUnder(key);
      if (entry != null) {
        release(entry, PendingEntry.Status.REPLACED);
      }
    }
    if (entry != null) {
      finish(List.of(entry));
    }
  }

  /** Expires every pending context whose leg deadline has passed; returns how many. */
  public int sweep() {
    List<PendingEntry> ended = new ArrayList<>(0);
    synchronized (this) {
      reapOverdue(clock.instant(), ended);
    }
    finish(ended);
    return ended.size();
  }

  /**
   * Holds a slot for {@code entry}'s context, due by {@code deadline} (called by the context,
   * under its lock, when a leg asks for another); {@code provenNow} when the client has passed a
   * valid Kerberos leg and only its mechListMIC is awaited. Contexts pushed out here are ended after the
   * store's lock is released: a thread holding one context's lock waits only for contexts held
   * before its own, so the waits cannot form a cycle.
   */
  void hold(PendingEntry entry, Instant deadline, boolean provenNow) throws RejectedException {
    List<PendingEntry> ended = new ArrayList<>(0);
    Held held;
    synchronized (this) {
      held = holdLocked(entry, deadline, provenNow, ended);
    }
    finish(ended);
    if (held == Held.AT_CLIENT_CAP) {
      refused.increment();
      warn("refusing a client at its cap of " + maxPendingPerKey);
      throw new RejectedException(Reason.TOO_MANY_PENDING, "expected fewer than "
          + maxPendingPerKey + " negotiations in flight for one client, got " + maxPendingPerKey
          + "; refusing another (a negotiation that completes in one leg is never refused)");
    }
    if (held == Held.BY_EVICTION) {
      warn("store full at " + maxPending + ", evicting the oldest of the busiest client");
    }
  }

  /** How {@link #hold} went. */
  private enum Held { MOVED, FREE_SLOT, BY_EVICTION, AT_CLIENT_CAP }

  private Held holdLocked(PendingEntry entry, Instant deadline, boolean provenNow,
      List<PendingEntry> ended) throws RejectedException {
    if (entry.status == PendingEntry.Status.HELD) {
      tier(entry).remove(entry);
      entry.proven |= provenNow;
      tier(entry).add(entry, deadline);
      return Held.MOVED;
    }
    if (entry.status != PendingEntry.Status.DETACHED) {
      throw letGo(entry.status);
    }
    Instant now = clock.instant();
    reapOverdue(now, ended);
    PendingEntry previous = entryUnder(entry.key);
    if (previous != null) {
      release(previous, PendingEntry.Status.REPLACED);
      ended.add(previous);
    }
    if (open.count(entry.clientKey) + proven.count(entry.clientKey) >= maxPendingPerKey) {
      return Held.AT_CLIENT_CAP;
    }
    boolean full = heldCount() >= maxPending;
    if (full) {
      PendingEntry victim = open.size() > 0 ? open.victim() : proven.victim();
      release(victim, PendingEntry.Status.EVICTED);
      ends.note(victim.key, PendingLookup.Status.EVICTED, now);
      evicted.increment();
      ended.add(victim);
    }
    entry.proven = provenNow;
    tier(entry).add(entry, deadline);
    entry.status = PendingEntry.Status.HELD;
    pending = heldCount();
    return full ? Held.BY_EVICTION : Held.FREE_SLOT;
  }

  private void warn(String what) {
    warning.maybeLog(() -> "pending negotiations: " + what + "; counts since start: " + counts()
        + " (a flood of half-open negotiations? at most one such line per minute)");
  }

  /** Why a context the store let go of may not take a slot again. */
  private RejectedException letGo(PendingEntry.Status status) {
    PendingLookup.Status why = status == PendingEntry.Status.EXPIRED ? PendingLookup.Status.EXPIRED
        : status == PendingEntry.Status.EVICTED ? PendingLookup.Status.EVICTED
        : PendingLookup.Status.ABSENT;
    return PendingLookup.ended(why, acceptor.legTimeout()).failure();
  }

  /** The context left pending (ESTABLISHED, FAILED, EXPIRED, DISPOSED); frees its slot. */
  synchronized void left(PendingEntry entry, ContextState state) {
    PendingEntry.Status was = entry.status;
    if (was == PendingEntry.Status.HELD) {
      release(entry, PendingEntry.Status.DETACHED);
    }
    if (state == ContextState.EXPIRED
        && (was == PendingEntry.Status.HELD || was == PendingEntry.Status.DETACHED)) {
      expired.increment();
    }
  }

  /**
   * Reaps from the oldest deadline on (entries are appended in deadline order; should the clock
   * step back, a later entry waits until those before it are reaped, while {@link #resume} and
   * {@link #find} check the key's own deadline).
   */
  private void reapOverdue(Instant now, List<PendingEntry> ended) {
    for (PendingSlots tier : List.of(open, proven)) {
      for (PendingEntry e = tier.oldest(); e != null && now.isAfter(e.deadline);
          e = tier.oldest()) {
        expire(e, now);
        ended.add(e);
      }
    }
    ends.forgetBefore(now.minus(acceptor.legTimeout()));
  }

  private void expire(PendingEntry entry, Instant now) {
    release(entry, PendingEntry.Status.EXPIRED);
    ends.note(entry.key, PendingLookup.Status.EXPIRED, now);
    expired.increment();
  }

  private void release(PendingEntry entry, PendingEntry.Status status) {
    tier(entry).remove(entry);
    entry.status = status;
    pending = heldCount();
  }

  private PendingEntry entryUnder(Object key) {
    PendingEntry e = open.get(key);
    return e != null ? e : proven.get(key);
  }

  private PendingSlots tier(PendingEntry entry) {
    return entry.proven ? proven : open;
  }

  private int heldCount() {
    return open.size() + proven.size();
  }

  /** Ends the contexts the store let go of, outside the store's lock. */
  private static void finish(List<PendingEntry> ended) {
    for (PendingEntry e : ended) {
      e.context.abandon(e.status);
    }
  }

  /** Runs {@link #sweep()} every {@code period} on the caller's executor. */
  public ScheduledFuture<?> scheduleSweeps(ScheduledExecutorService executor, Duration period) {
    long millis = period.toMillis();
    return executor.scheduleWithFixedDelay(this::sweep, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Starts a daemon thread that sweeps every {@code period}; close the result to stop it. */
  public AutoCloseable startDaemonSweeper(Duration period) {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "krb5gss-pending-context-sweeper");
      t.setDaemon(true);
      return t;
    });
    scheduleSweeps(executor, period);
    return executor::shutdownNow;
  }

  /** Negotiations holding a slot (AWAITING_NEXT_LEG, waiting for their client's next leg). */
  public long pendingCount() {
    return pending;
  }

  /** Negotiations that expired while pending, since the store was created. */
  public long expiredCount() {
    return expired.sum();
  }

  /** Negotiations refused a slot with TOO_MANY_PENDING (per-client cap), since creation. */
  public long refusedCount() {
    return refused.sum();
  }

  /** Negotiations evicted to make room while the store was full, since creation. */
  public long evictedCount() {
    return evicted.sum();
  }

  /** Negotiations begun, since the store was created. */
  public long begunCount() {
    return begun.sum();
  }

  /** The cap on negotiations held in all. */
  public int maxPending() {
    return maxPending;
  }

  /** The cap on negotiations held per client key. */
  public int maxPendingPerKey() {
    return maxPendingPerKey;
  }

  /** Negotiations held (equals {@link #pendingCount()}). */
  synchronized int size() {
    return heldCount();
  }

  /** Everything the store keeps: map entries for held negotiations and clients, end notes. */
  synchronized int footprint() {
    return open.footprint() + proven.footprint() + ends.size();
  }

  private String counts() {
    return "pending " + pendingCount() + "/" + maxPending + ", expired " + expiredCount()
        + ", refused " + refusedCount() + ", evicted " + evictedCount();
  }

  @Override
  public String toString() {
    return "PendingContextStore[" + counts() + "]";
  }
}
