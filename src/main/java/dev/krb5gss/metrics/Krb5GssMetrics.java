package dev.krb5gss.metrics;

import dev.krb5gss.context.Acceptor;
import dev.krb5gss.context.LiveAcceptors;
import dev.krb5gss.context.PendingContextStore;
import dev.krb5gss.keytab.ServiceKey;
import dev.krb5gss.observe.AcceptObservers;
import dev.krb5gss.observe.KeytabReloads;
import dev.krb5gss.observe.KeytabSlot;
import dev.krb5gss.name.PrincipalName;
import dev.krb5gss.replay.ReplayCache;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Micrometer metrics for every krb5gss acceptor in the JVM, those built with the plain API
 * ({@link Acceptor#builder()}) and those the provider builds for the JDK's GSS-API alike:
 *
 * <ul>
 *   <li>{@code krb5gss.accepts} (counter; tags {@code mechanism} = krb5|spnego|unknown,
 *       {@code outcome} = established|continue|rejected, {@code reason} = the
 *       {@link dev.krb5gss.error.Reason} name or {@code none}) and {@code krb5gss.accept.duration}
 *       (timer; mechanism, outcome): one per accept leg (RFC 2743 §2.2.2);</li>
 *   <li>{@code krb5gss.pending} (gauge): negotiations waiting for their next leg in the acceptors'
 *       pending-context stores; {@code krb5gss.pending.expired}, {@code krb5gss.pending.evicted} and
 *       {@code krb5gss.pending.refused} (counters): negotiations that timed out, that were evicted
 *       to make room (PENDING_EVICTED), and new ones refused past a cap;</li>
 *   <li>{@code krb5gss.replay.entries} (gauge): authenticators held by the replay caches
 *       (RFC 4120 §3.2.3), each distinct cache counted once;</li>
 *   <li>{@code krb5gss.keytab.kvno} (gauge; tags {@code service}, {@code index}, see
 *       {@link KeytabSlot}): the newest key version held for each service principal, and
 *       {@code krb5gss.keytab.reloads} (counter): keytab files re-read after they changed.</li>
 * </ul>
 *
 * Acceptors are found through {@link LiveAcceptors} at each publication; a principal that appears
 * later gets its kvno gauge at the next publication. Tag values are bounded: never a client
 * name, an address or an SPN. {@link #close()} stops the leg meters of every registry bound.
 */
public final class Krb5GssMetrics implements MeterBinder, AutoCloseable {
  private final List<AcceptObservers.Registration> observers = new CopyOnWriteArrayList<>();
  private final Map<MeterRegistry, Set<KeytabSlot>> kvnoGauges = new ConcurrentHashMap<>();
  // JVM-wide state, strongly reachable: a FunctionCounter holds its state object weakly.
  private static final MonotonicTotal<PendingContextStore> EXPIRED =
      new MonotonicTotal<>(PendingContextStore::expiredCount);
  private static final MonotonicTotal<PendingContextStore> REFUSED =
      new MonotonicTotal<>(PendingContextStore::refusedCount);
  private static final MonotonicTotal<PendingContextStore> EVICTED =
      new MonotonicTotal<>(PendingContextStore::evictedCount);
  private static final Object RELOADS = new Object();

  @Override
  public void bindTo(MeterRegistry registry) {
    observers.add(AcceptObservers.register(new LegMeters(registry)));
    Gauge.builder("krb5gss.pending", this, m -> m.pending(registry))
        .description("Negotiations waiting for the client's next leg").strongReference(true)
        .register(registry);
    FunctionCounter.builder("krb5gss.pending.expired", EXPIRED, t -> t.total(stores()))
        .description("Pending negotiations that passed their leg deadline").register(registry);
    FunctionCounter.builder("krb5gss.pending.refused", REFUSED, t -> t.total(stores()))
        .description("New negotiations refused because a pending cap was reached")
        .register(registry);
    FunctionCounter.builder("krb5gss.pending.evicted", EVICTED, t -> t.total(stores()))
        .description("Pending negotiations evicted to make room while the store was full")
        .register(registry);
    Gauge.builder("krb5gss.replay.entries", this, Krb5GssMetrics::replayEntries)
        .description("Authenticators held by the replay caches").strongReference(true)
        .register(registry);
    FunctionCounter.builder("krb5gss.keytab.reloads", RELOADS, o -> KeytabReloads.count())
        .description("Keytab files re-read after they changed").register(registry);
    registerKvnoGauges(registry);
  }

  private double pending(MeterRegistry registry) {
    registerKvnoGauges(registry); // picks up acceptors created since the last publication
    return stores().stream().mapToLong(PendingContextStore::pendingCount).sum();
  }

  private static List<PendingContextStore> stores() {
    return LiveAcceptors.snapshot().stream().map(Acceptor::pendingContexts)
        .collect(Collectors.toList());
  }

  private double replayEntries() {
    Map<ReplayCache, Boolean> caches = new IdentityHashMap<>();
    for (Acceptor a : LiveAcceptors.snapshot()) {
      caches.put(a.apAcceptor().policy().replayCache(), Boolean.TRUE);
    }
    return caches.keySet().stream().mapToLong(ReplayCache::size).sum();
  }

  /** The newest kvno of each service principal of the live acceptors, by slot. */
  private static Map<KeytabSlot, Integer> kvnos() {
    Map<PrincipalName, Integer> newest = new HashMap<>();
    for (Acceptor a : LiveAcceptors.snapshot()) {
      for (ServiceKey k : a.keys().current().keys()) {
        newest.merge(k.principal(), k.kvno(), Math::max);
      }
    }
    Map<KeytabSlot, Integer> bySlot = new HashMap<>();
    KeytabSlot.of(newest.keySet()).forEach((p, slot) -> bySlot.put(slot, newest.get(p)));
    return bySlot;
  }

  private void registerKvnoGauges(MeterRegistry registry) {
    for (KeytabSlot slot : kvnos().keySet()) {
      if (kvnoGauges.computeIfAbsent(registry, r -> ConcurrentHashMap.newKeySet()).add(slot)) {
        Gauge.builder("krb5gss.keytab.kvno", slot, s -> kvnos().getOrDefault(s, 0))
            .description("Newest key version number held for a service principal "
                + "(service class and index as listed by the krb5gss keytab command)")
            .tag("service", slot.service()).tag("index", Integer.toString(slot.index()))
            .strongReference(true).register(registry);
      }
    }
  }

  /** Stops the accept-leg meters of every registry this binder was bound to. */
  @Override
  public void close() {
    observers.forEach(AcceptObservers.Registration::close);
    observers.clear();
  }
}
