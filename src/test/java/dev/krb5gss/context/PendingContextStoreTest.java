package dev.krb5gss.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.testkit.MutableClock;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The pending-context store: accept first (a slot only when a leg asks for another), caps,
 * eviction policy, lazy and swept expiry, per-key answers, counts. The negotiations stop at the
 * first SPNEGO leg (NTLM offered first, so the acceptor asks for Kerberos and waits), which needs
 * no Kerberos exchange; completing ones are in {@link AcceptorKdcTest}.
 */
class PendingContextStoreTest {
  private final MutableClock clock = MutableClock.startingNow();

  private Acceptor acceptor(int maxPending, int perKey) throws RejectedException {
    return Acceptor.builder().keys(Tokens.randomKeys()).clock(clock)
        .legTimeout(Duration.ofSeconds(30)).maxPending(maxPending).maxPendingPerKey(perKey).build();
  }

  /** A half-open negotiation under {@code key}, counted against {@code client}. */
  private static ServerContext halfOpen(PendingContextStore store, Object key, Object client)
      throws RejectedException {
    ServerContext ctx = store.begin(key, client);
    assertThat(ctx.accept(Tokens.ntlmFirstThenKrb5()).status())
        .isEqualTo(AcceptStatus.CONTINUE_NEEDED);
    return ctx;
  }

  private static void assertReason(Throwable t, Reason reason) {
    assertThat(t).isInstanceOfSatisfying(RejectedException.class,
        e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @Test
  void tenThousandAbandonedNegotiationsAreAllReaped() throws RejectedException {
    PendingContextStore store = acceptor(10_000, 1).pendingContexts();
    for (int i = 0; i < 10_000; i++) {
      halfOpen(store, i, i);
    }
    assertThat(store.pendingCount()).isEqualTo(10_000);
    assertThat(store.size()).isEqualTo(10_000);

    clock.advance(Duration.ofSeconds(30));
    assertThat(store.sweep()).isZero();
    clock.advance(Duration.ofMillis(1));
    assertThat(store.sweep()).isEqualTo(10_000);

    assertThat(store.pendingCount()).isZero();
    assertThat(store.size()).isZero();
    assertThat(store.expiredCount()).isEqualTo(10_000);
    assertThat(store.refusedCount()).isZero();
    assertThat(store.evictedCount()).isZero();
    assertThat(store.find(1)).isEmpty();
  }

  @Test
  void scheduledSweepsRunOnTheCallersExecutor() throws Exception {
    PendingContextStore store = acceptor(10, 10).pendingContexts();
    Runnable[] scheduled = new Runnable[1];
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1) {
      @Override
      public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay,
          long delay, TimeUnit unit) {
        scheduled[0] = command;
        assertThat(unit.toMillis(delay)).isEqualTo(5_000);
        return super.scheduleWithFixedDelay(() -> { }, initialDelay, delay, unit);
      }
    };
    try {
      store.scheduleSweeps(executor, Duration.ofSeconds(5));
      halfOpen(store, "k", "k");
      clock.advance(Duration.ofSeconds(31));
      scheduled[0].run();
      assertThat(store.pendingCount()).isZero();
      assertThat(store.expiredCount()).isEqualTo(1);
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void beginAloneHoldsNoSlot() throws RejectedException {
    PendingContextStore store = acceptor(1, 1).pendingContexts();
    for (int i = 0; i < 100; i++) {
      assertThat(store.begin("conn-" + i, "10.0.0.1").state()).isEqualTo(ContextState.NEW);
    }
    assertThat(store.pendingCount()).isZero();
    assertThat(store.footprint()).isZero();
    assertThat(store.begunCount()).isEqualTo(100);
  }

  @Test
  void aFullStoreEvictsRatherThanRefusingTheNewcomer() throws RejectedException {
    PendingContextStore store = acceptor(2, 2).pendingContexts();
    ServerContext a = halfOpen(store, "a", "10.0.0.1");
    ServerContext b = halfOpen(store, "b", "10.0.0.2");

    ServerContext c = halfOpen(store, "c", "10.0.0.3");

    assertThat(store.pendingCount()).isEqualTo(2);
    assertThat(store.evictedCount()).isEqualTo(1);
    assertThat(store.refusedCount()).isZero();
    assertThat(a.state()).isEqualTo(ContextState.DISPOSED);
    assertThat(store.find("b")).containsSame(b);
    assertThat(store.find("c")).containsSame(c);
    assertThat(store.resume("a").status()).isEqualTo(PendingLookup.Status.EVICTED);
    assertThatThrownBy(() -> a.accept(Tokens.ntlmFirstThenKrb5()))
        .satisfies(t -> assertReason(t, Reason.PENDING_EVICTED));
  }

  @Test
  void theBusiestClientKeyLosesItsOldestFirst() throws RejectedException {
    PendingContextStore store = acceptor(6, 4).pendingContexts();
    ServerContext loneOld = halfOpen(store, "lone", "10.0.0.9");
    clock.advance(Duration.ofSeconds(1));
    List<ServerContext> flood = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      flood.add(halfOpen(store, "flood-" + i, "10.6.6.6"));
      clock.advance(Duration.ofMillis(10));
    }
    ServerContext other = halfOpen(store, "other", "10.0.0.8");

    halfOpen(store, "late-1", "10.0.0.7");
    halfOpen(store, "late-2", "10.0.0.7");

    assertThat(flood.get(0).state()).isEqualTo(ContextState.DISPOSED);
    assertThat(flood.get(1).state()).isEqualTo(ContextState.DISPOSED);
    assertThat(flood.subList(2, 4)).allMatch(c -> c.state() == ContextState.AWAITING_NEXT_LEG);
    assertThat(loneOld.state()).isEqualTo(ContextState.AWAITING_NEXT_LEG);
    assertThat(other.state()).isEqualTo(ContextState.AWAITING_NEXT_LEG);
    assertThat(store.evictedCount()).isEqualTo(2);
  }

  @Test
  void withOneSlotPerKeyTheOldestOverallIsEvicted() throws RejectedException {
    PendingContextStore store = acceptor(3, 3).pendingContexts();
    List<ServerContext> held = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      held.add(halfOpen(store, "k" + i, "10.0.0." + i));
      clock.advance(Duration.ofMillis(5));
    }
    halfOpen(store, "k3", "10.0.0.3");
    halfOpen(store, "k4", "10.0.0.4");

    assertThat(held).extracting(ServerContext::state).containsExactly(ContextState.DISPOSED,
        ContextState.DISPOSED, ContextState.AWAITING_NEXT_LEG);
  }

  @Test
  void perClientCapRefusesOnlyThatClientsFurtherLegs() throws RejectedException {
    PendingContextStore store = acceptor(100, 2).pendingContexts();
    halfOpen(store, "conn1", "10.0.0.1");
    halfOpen(store, "conn2", "10.0.0.1");
    ServerContext third = store.begin("conn3", "10.0.0.1");

    assertThatThrownBy(() -> third.accept(Tokens.ntlmFirstThenKrb5()))
        .satisfies(t -> assertReason(t, Reason.TOO_MANY_PENDING));
    assertThat(third.state()).isEqualTo(ContextState.FAILED);
    assertThat(store.refusedCount()).isEqualTo(1);
    halfOpen(store, "conn4", "10.0.0.2");
    assertThat(store.pendingCount()).isEqualTo(3);
    store.remove("conn1");
    halfOpen(store, "conn3", "10.0.0.1");
    assertThat(store.pendingCount()).isEqualTo(3);
    assertThat(store.evictedCount()).isZero();
  }

  @Test
  void aClientAtItsCapIsNotRefusedAFirstLegThatNeedsNoSlot() throws RejectedException {
    PendingContextStore store = acceptor(1, 1).pendingContexts();
    halfOpen(store, "conn1", "10.0.0.1");
    ServerContext oneLeg = store.begin("conn2", "10.0.0.1");

    // no slot is needed for a first token that is rejected (or established) in one leg
    assertThatThrownBy(() -> oneLeg.accept(Tokens.offer(dev.krb5gss.gss.MechOids.NTLM)))
        .satisfies(t -> assertReason(t, Reason.NTLM_OFFERED));
    assertThat(store.refusedCount()).isZero();
    assertThat(store.pendingCount()).isEqualTo(1);
  }

  @Test
  void expiryAndEvictionAreCountedAndAnsweredSeparately() throws RejectedException {
    PendingContextStore store = acceptor(2, 2).pendingContexts();
    halfOpen(store, "old", "10.0.0.1");
    clock.advance(Duration.ofSeconds(31));
    halfOpen(store, "a", "10.0.0.2");
    halfOpen(store, "b", "10.0.0.3");
    halfOpen(store, "c", "10.0.0.4");

    assertThat(store.expiredCount()).isEqualTo(1);
    assertThat(store.evictedCount()).isEqualTo(1);
    assertThat(store.resume("old").status()).isEqualTo(PendingLookup.Status.EXPIRED);
    assertThat(store.resume("a").status()).isEqualTo(PendingLookup.Status.EVICTED);
    assertThat(store.resume("nobody").status()).isEqualTo(PendingLookup.Status.ABSENT);
    assertThatThrownBy(() -> store.resume("old").orElseThrow())
        .satisfies(t -> assertReason(t, Reason.NO_CONTEXT));
  }

  @Test
  void startingOverForgetsTheEarlierNegotiationsFate() throws RejectedException {
    PendingContextStore store = acceptor(1, 1).pendingContexts();
    halfOpen(store, "conn", "10.0.0.1");
    halfOpen(store, "other", "10.0.0.2");
    ServerContext again = store.begin("conn", "10.0.0.1");

    assertThat(again.state()).isEqualTo(ContextState.NEW);
    assertThat(store.resume("conn").status()).isEqualTo(PendingLookup.Status.ABSENT);
  }

  @Test
  void resumeAnswersFromTheKeysOwnEntryNotFromOthers() throws RejectedException {
    PendingContextStore store = acceptor(10, 10).pendingContexts();
    halfOpen(store, "expiring", "10.0.0.1");
    clock.advance(Duration.ofSeconds(20));
    ServerContext mine = halfOpen(store, "mine", "10.0.0.2");
    clock.advance(Duration.ofSeconds(11));

    // another connection's expiry happens during this lookup; this one's context is still good
    PendingLookup lookup = store.resume("mine");

    assertThat(lookup.status()).isEqualTo(PendingLookup.Status.FOUND);
    assertThat(lookup.context()).containsSame(mine);
    assertThat(store.expiredCount()).isEqualTo(1);
    assertThatThrownBy(() -> store.resume("never").orElseThrow())
        .satisfies(t -> assertReason(t, Reason.NO_CONTEXT));
    assertThatThrownBy(() -> store.resume("expiring").orElseThrow())
        .satisfies(t -> assertReason(t, Reason.CONTEXT_EXPIRED));
  }

  @Test
  void aResumedContextHoldsNoSlotWhileItsLegRuns() throws RejectedException {
    PendingContextStore store = acceptor(1, 1).pendingContexts();
    ServerContext mine = halfOpen(store, "mine", "10.0.0.1");
    assertThat(store.resume("mine").orElseThrow()).isSameAs(mine);
    assertThat(store.pendingCount()).isZero();

    halfOpen(store, "flood", "10.6.6.6");

    assertThat(store.evictedCount()).isZero();
    assertThat(mine.state()).isEqualTo(ContextState.AWAITING_NEXT_LEG);
    assertThat(store.resume("mine").status()).isEqualTo(PendingLookup.Status.ABSENT);
  }

  @Test
  void noContextIsHandedToAnotherKey() throws RejectedException {
    PendingContextStore store = acceptor(4, 4).pendingContexts();
    ServerContext a = halfOpen(store, "a", "10.0.0.1");
    ServerContext b = halfOpen(store, "b", "10.0.0.1");
    for (int i = 0; i < 6; i++) {
      halfOpen(store, "f" + i, "10.0.0." + (10 + i));
    }
    assertThat(a.state()).isEqualTo(ContextState.DISPOSED);
    assertThat(b.state()).isEqualTo(ContextState.DISPOSED);
    for (String key : List.of("a", "b")) {
      PendingLookup lookup = store.resume(key);
      assertThat(lookup.status()).isEqualTo(PendingLookup.Status.EVICTED);
      assertThat(lookup.context()).isEmpty();
    }
    for (int i = 2; i < 6; i++) {
      PendingLookup lookup = store.resume("f" + i);
      assertThat(lookup.status()).isEqualTo(PendingLookup.Status.FOUND);
      assertThat(lookup.context().orElseThrow().state()).isEqualTo(ContextState.AWAITING_NEXT_LEG);
    }
  }

  @Test
  void findExpiresAnOverdueContext() throws RejectedException {
    PendingContextStore store = acceptor(10, 10).pendingContexts();
    ServerContext ctx = halfOpen(store, "k", "k");
    clock.advance(Duration.ofSeconds(29));
    assertThat(store.find("k")).containsSame(ctx);
    clock.advance(Duration.ofSeconds(2));
    assertThat(store.find("k")).isEmpty();
    assertThat(ctx.state()).isEqualTo(ContextState.EXPIRED);
    assertThat(store.pendingCount()).isZero();
  }

  @Test
  void aFailedNegotiationLeavesNothingInTheStore() throws RejectedException {
    PendingContextStore store = acceptor(10, 10).pendingContexts();
    ServerContext ctx = store.begin("k");
    assertThatThrownBy(() -> ctx.accept(Tokens.offer(dev.krb5gss.gss.MechOids.NTLM)))
        .satisfies(t -> assertReason(t, Reason.NTLM_OFFERED));
    assertThat(store.find("k")).isEmpty();
    assertThat(store.pendingCount()).isZero();
    assertThat(store.expiredCount()).isZero();
    assertThat(store.footprint()).isZero();
  }

  /**
   * #13 finding 3: every begin() used to queue a deadline entry (with the context) that stayed
   * until the deadline even when the first leg failed at once, so a stream of rejected requests
   * held memory for a whole leg timeout (measured on the old store: 16 MB retained after these
   * 100 000 requests, 161 bytes each). Now a rejected first leg leaves nothing behind.
   */
  @Test
  void rejectedRequestsRetainNoMemory() throws Exception {
    PendingContextStore store = acceptor(10_000, 64).pendingContexts();
    byte[] garbage = {0, 0, 0};
    long before = usedHeapAfterGc();
    for (int i = 0; i < 100_000; i++) {
      ServerContext ctx = store.begin("connection:" + i, "10.0.0.1");
      assertThatThrownBy(() -> ctx.accept(garbage))
          .satisfies(t -> assertReason(t, Reason.MALFORMED_TOKEN));
    }
    long retained = usedHeapAfterGc() - before;

    assertThat(store.footprint()).isZero();
    assertThat(retained).as("bytes retained after 100 000 rejected first legs")
        .isLessThan(4L << 20);
  }

  @Test
  void beginningAgainUnderAKeyDisposesTheOldNegotiation() throws RejectedException {
    PendingContextStore store = acceptor(10, 10).pendingContexts();
    ServerContext old = halfOpen(store, "k", "k");
    ServerContext fresh = store.begin("k");
    assertThat(old.state()).isEqualTo(ContextState.DISPOSED);
    assertThat(store.pendingCount()).isZero();
    fresh.accept(Tokens.ntlmFirstThenKrb5());
    assertThat(store.find("k")).containsSame(fresh);
    assertThat(store.pendingCount()).isEqualTo(1);
    assertThat(store.evictedCount()).isZero();
  }

  @Test
  void aHugeMechanismListIsNotHeldForAnotherLeg() throws RejectedException {
    PendingContextStore store = acceptor(10, 10).pendingContexts();
    dev.krb5gss.der.ObjectId[] many = new dev.krb5gss.der.ObjectId[40];
    many[0] = dev.krb5gss.gss.MechOids.NTLM;
    for (int i = 1; i < many.length - 1; i++) {
      many[i] = dev.krb5gss.der.ObjectId.of("1.3.6.1.4.1.99999." + i);
    }
    many[many.length - 1] = dev.krb5gss.gss.MechOids.KRB5;
    ServerContext ctx = store.begin("k");

    assertThatThrownBy(() -> ctx.accept(Tokens.offer(many)))
        .satisfies(t -> assertReason(t, Reason.UNSUPPORTED_MECHANISM))
        .hasMessageContaining("at most " + SpnegoExchange.MAX_HELD_MECH_TYPES + " bytes");
    assertThat(store.pendingCount()).isZero();
  }

  @Test
  void refusingAndEvictingLogOneWarningAMinuteWithTheCounts() throws RejectedException {
    PendingContextStore store = acceptor(2, 1).pendingContexts();
    try (dev.krb5gss.web.LogCapture log = dev.krb5gss.web.LogCapture.of(
        PendingContextStore.class.getName(), java.util.logging.Level.ALL)) {
      for (int i = 0; i < 50; i++) {
        halfOpen(store, "f" + i, "10.0.0." + i);
        ServerContext again = store.begin("g" + i, "10.0.0." + i);
        assertThatThrownBy(() -> again.accept(Tokens.ntlmFirstThenKrb5()))
            .satisfies(t -> assertReason(t, Reason.TOO_MANY_PENDING));
      }
      assertThat(log.messages()).singleElement().asString().contains("refused 1");
      clock.advance(Duration.ofSeconds(59));
      halfOpen(store, "late-a", "10.0.1.1");
      halfOpen(store, "late-b", "10.0.1.2");
      halfOpen(store, "late-c", "10.0.1.3");
      assertThat(store.evictedCount()).isEqualTo(49);
      assertThat(log.messages()).hasSize(1);
      clock.advance(Duration.ofSeconds(1));
      halfOpen(store, "later", "10.0.1.4");

      assertThat(log.messages()).hasSize(2);
      assertThat(log.messages().get(1)).contains("refused 50").contains("evicted 50");
    }
  }

  @Test
  void concurrentNegotiationsKeepTheCapsAndLeaveNothingBehind() throws Exception {
    PendingContextStore store = acceptor(50, 5).pendingContexts();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    java.util.concurrent.atomic.AtomicInteger unexpected = new java.util.concurrent.atomic.AtomicInteger();
    List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      futures.add(pool.submit(() -> {
        java.util.Random random = new java.util.Random(thread);
        for (int i = 0; i < 3_000; i++) {
          String key = "conn-" + random.nextInt(200);
          String client = "10.0.0." + random.nextInt(30);
          try {
            if (random.nextBoolean()) {
              store.begin(key, client).accept(Tokens.ntlmFirstThenKrb5());
            } else {
              store.resume(key).orElseThrow().accept(Tokens.ntlmFirstThenKrb5());
            }
          } catch (RejectedException e) {
            if (!java.util.EnumSet.of(Reason.TOO_MANY_PENDING, Reason.PENDING_EVICTED,
                Reason.NO_CONTEXT, Reason.MALFORMED_TOKEN).contains(e.reason())) {
              unexpected.incrementAndGet();
            }
          }
          assertThat(store.pendingCount()).isBetween(0L, 50L);
        }
        return null;
      }));
    }
    for (java.util.concurrent.Future<?> f : futures) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdownNow();

    assertThat(unexpected.get()).isZero();
    assertThat(store.size()).isEqualTo(store.pendingCount()).isLessThanOrEqualTo(50);
    clock.advance(Duration.ofSeconds(61));
    store.sweep();
    assertThat(store.pendingCount()).isZero();
    clock.advance(Duration.ofSeconds(31));
    store.sweep();
    assertThat(store.footprint()).as("expiry notes are forgotten after a leg timeout").isZero();
  }

  private static long usedHeapAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      if (now >= used) {
        return now;
      }
      used = now;
    }
    return used;
  }
}
