package dev.krb5gss.context;

import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Server contexts held between the legs of a request/response protocol (HTTP Negotiate, RFC 4559
 * §4, where each leg is a new request), keyed by a caller-chosen connection key. It implements
 * the SSPI advice that the wait for a client's next message must time out: a context whose leg
 * deadline passed is EXPIRED and dropped, lazily on access and by {@link #sweep()}.
 *
 * <p>Caps protect the server: at most {@code maxPending} negotiations in flight in all, and
 * {@code maxPendingPerKey} per client key. Past a cap, {@link #begin} refuses a new negotiation
 * with TOO_MANY_PENDING; negotiations already in flight and established contexts are untouched.
 * The store holds a context only while it is pending: once it is established, fails, expires or
 * is disposed, the store lets go of it (the caller keeps the context it accepted the last leg on).
 * Thread-safe; no thread per context.
 */
public final class PendingContextStore {
  private final Acceptor acceptor;
  private final Clock clock;
  private final int maxPending;
  private final int maxPendingPerKey;
  private final ConcurrentHashMap<Object, ServerContext> byKey = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Object, Integer> perClient = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Due> deadlines = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final LongAdder expired = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final LongAdder begun = new LongAdder();

  PendingContextStore(Acceptor acceptor, int maxPending, int maxPendingPerKey) {
    this.acceptor = acceptor;
    this.clock = acceptor.clock();
    this.maxPending = maxPending;
    this.maxPendingPerKey = maxPendingPerKey;
  }

  /** {@link #begin(Object, Object)} with the connection key as the client key. */
  public ServerContext begin(Object key) throws RejectedException {
    return begin(key, key);
  }

  /**
   * Starts a negotiation under {@code key}, counted against {@code clientKey}'s cap (e.g. the
   * client's address when the key is a connection). A pending context already under {@code key}
   * is disposed: the client started over.
   *
   * @throws RejectedException TOO_MANY_PENDING past the global or the per-client cap
   */
  public ServerContext begin(Object key, Object clientKey) throws RejectedException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(clientKey, "clientKey");
    reapOverdue(clock.instant());
    Optional.ofNullable(byKey.get(key)).ifPresent(ServerContext::dispose);
    reserve(clientKey);
    ServerContext context = acceptor.newContext();
    Registration registration = new Registration(key, clientKey, context);
    context.register(registration);
    ServerContext previous = byKey.put(key, context);
    if (previous != null) {
      previous.dispose();
    }
    deadlines.add(new Due(context.legDeadline(), registration));
    begun.increment();
    return context;
  }

  private void reserve(Object clientKey) throws RejectedException {
    int now;
    do {
      now = pending.get();
      if (now >= maxPending) {
        refused.increment();
        throw new RejectedException(Reason.TOO_MANY_PENDING, "expected fewer than " + maxPending
            + " negotiations in flight, got " + now + "; refusing a new one");
      }
    } while (!pending.compareAndSet(now, now + 1));
    boolean[] over = new boolean[1];
    perClient.compute(clientKey, (k, n) -> {
      int count = n == null ? 0 : n;
      over[0] = count >= maxPendingPerKey;
      return over[0] ? n : count + 1;
    });
    if (over[0]) {
      pending.decrementAndGet();
      refused.increment();
      throw new RejectedException(Reason.TOO_MANY_PENDING, "expected fewer than "
          + maxPendingPerKey + " negotiations in flight for one client, got " + maxPendingPerKey
          + "; refusing a new one");
    }
  }

  /** The pending context under {@code key}; an overdue one is expired and dropped instead. */
  public Optional<ServerContext> find(Object key) {
    ServerContext context = byKey.get(key);
    if (context == null) {
      return Optional.empty();
    }
    context.expireIfOverdue(clock.instant());
    return byKey.get(key) == context ? Optional.of(context) : Optional.empty();
  }

  /** Disposes of and drops the context under {@code key}, if any. */
  public void remove(Object key) {
    ServerContext context = byKey.remove(key);
    if (context != null) {
      context.dispose();
    }
  }

  /** Expires every pending context whose leg deadline has passed; returns how many. */
  public int sweep() {
    Instant now = clock.instant();
    int count = reapOverdue(now);
    for (ServerContext context : byKey.values()) {
      if (context.expireIfOverdue(now)) {
        count++;
      }
    }
    return count;
  }

  /** Reaps from the head of the deadline queue (deadlines are queued in time order). */
  private int reapOverdue(Instant now) {
    int count = 0;
    for (Due due = deadlines.peek(); due != null && now.isAfter(due.deadline);
        due = deadlines.peek()) {
      if (deadlines.remove(due)) {
        ServerContext context = due.registration.context;
        if (context != null && context.expireIfOverdue(now)) {
          count++;
        }
      }
    }
    return count;
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

  /** Negotiations in flight (NEW or AWAITING_NEXT_LEG) held by the store. */
  public long pendingCount() {
    return pending.get();
  }

  /** Negotiations that expired while pending, since the store was created. */
  public long expiredCount() {
    return expired.sum();
  }

  /** Negotiations refused with TOO_MANY_PENDING, since the store was created. */
  public long refusedCount() {
    return refused.sum();
  }

  /** Negotiations begun, since the store was created. */
  public long begunCount() {
    return begun.sum();
  }

  /** Entries in the key map (equals {@link #pendingCount()} once all hooks have run). */
  int size() {
    return byKey.size();
  }

  @Override
  public String toString() {
    return "PendingContextStore[pending " + pendingCount() + "/" + maxPending + ", expired "
        + expiredCount() + ", refused " + refusedCount() + "]";
  }

  /** A context's entry; told by the context when its deadline moves and when it stops pending. */
  final class Registration {
    private final Object key;
    private final Object clientKey;
    private volatile ServerContext context;

    Registration(Object key, Object clientKey, ServerContext context) {
      this.key = key;
      this.clientKey = clientKey;
      this.context = context;
    }

    void deadlineMoved(Instant deadline) {
      deadlines.add(new Due(deadline, this));
    }

    void leftPending(ContextState state) {
      ServerContext leaving = context;
      context = null;
      byKey.remove(key, leaving);
      perClient.computeIfPresent(clientKey, (k, n) -> n <= 1 ? null : n - 1);
      pending.decrementAndGet();
      if (state == ContextState.EXPIRED) {
        expired.increment();
      }
    }
  }

  private static final class Due {
    final Instant deadline;
    final Registration registration;

    Due(Instant deadline, Registration registration) {
      this.deadline = deadline;
      this.registration = registration;
    }
  }
}
