package dev.krb5gss.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The pending-context store: caps, lazy and swept expiry, counts. The negotiations stop at the
 * first SPNEGO leg (NTLM offered first, so the acceptor asks for Kerberos and waits), which needs
 * no Kerberos exchange; completing ones are in {@link AcceptorKdcTest}.
 */
class PendingContextStoreTest {
  private final MutableClock clock = MutableClock.startingNow();

  private Acceptor acceptor(int maxPending, int perKey) throws RejectedException {
    return Acceptor.builder().keys(Tokens.randomKeys()).clock(clock)
        .legTimeout(Duration.ofSeconds(30)).maxPending(maxPending).maxPendingPerKey(perKey).build();
  }

  @Test
  void tenThousandAbandonedNegotiationsAreAllReaped() throws RejectedException {
    PendingContextStore store = acceptor(10_000, 1).pendingContexts();
    byte[] offer = Tokens.ntlmFirstThenKrb5();
    for (int i = 0; i < 10_000; i++) {
      assertThat(store.begin(i).accept(offer).status()).isEqualTo(AcceptStatus.CONTINUE_NEEDED);
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
      store.begin("k").accept(Tokens.ntlmFirstThenKrb5());
      clock.advance(Duration.ofSeconds(31));
      scheduled[0].run();
      assertThat(store.pendingCount()).isZero();
      assertThat(store.expiredCount()).isEqualTo(1);
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void globalCapRefusesNewNegotiationsOnly() throws RejectedException {
    PendingContextStore store = acceptor(2, 2).pendingContexts();
    ServerContext first = store.begin("a");
    first.accept(Tokens.ntlmFirstThenKrb5());
    store.begin("b");
    assertThatThrownBy(() -> store.begin("c")).isInstanceOfSatisfying(RejectedException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PENDING));
    assertThat(store.refusedCount()).isEqualTo(1);
    assertThat(store.find("a")).containsSame(first);
    assertThat(first.state()).isEqualTo(ContextState.AWAITING_NEXT_LEG);
  }

  @Test
  void perClientCapLeavesOtherClientsAlone() throws RejectedException {
    PendingContextStore store = acceptor(100, 2).pendingContexts();
    store.begin("conn1", "10.0.0.1");
    store.begin("conn2", "10.0.0.1");
    assertThatThrownBy(() -> store.begin("conn3", "10.0.0.1"))
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PENDING));
    store.begin("conn4", "10.0.0.2");
    assertThat(store.pendingCount()).isEqualTo(3);
    store.remove("conn1");
    store.begin("conn3", "10.0.0.1");
    assertThat(store.pendingCount()).isEqualTo(3);
  }

  @Test
  void expiredEntriesAreReapedLazilyWhenTheCapIsReached() throws RejectedException {
    PendingContextStore store = acceptor(1, 1).pendingContexts();
    ServerContext old = store.begin("a");
    clock.advance(Duration.ofSeconds(31));
    ServerContext fresh = store.begin("b");
    assertThat(old.state()).isEqualTo(ContextState.EXPIRED);
    assertThat(store.find("b")).containsSame(fresh);
    assertThat(store.expiredCount()).isEqualTo(1);
  }

  @Test
  void findExpiresAnOverdueContext() throws RejectedException {
    PendingContextStore store = acceptor(10, 10).pendingContexts();
    ServerContext ctx = store.begin("k");
    ctx.accept(Tokens.ntlmFirstThenKrb5());
    clock.advance(Duration.ofSeconds(29));
    assertThat(store.find("k")).containsSame(ctx);
    clock.advance(Duration.ofSeconds(2));
    assertThat(store.find("k")).isEmpty();
    assertThat(ctx.state()).isEqualTo(ContextState.EXPIRED);
    assertThat(store.pendingCount()).isZero();
  }

  @Test
  void aFailedNegotiationLeavesTheStore() throws RejectedException {
    PendingContextStore store = acceptor(10, 10).pendingContexts();
    ServerContext ctx = store.begin("k");
    assertThatThrownBy(() -> ctx.accept(Tokens.offer(dev.krb5gss.gss.MechOids.NTLM)))
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NTLM_OFFERED));
    assertThat(store.find("k")).isEmpty();
    assertThat(store.pendingCount()).isZero();
    assertThat(store.expiredCount()).isZero();
  }

  @Test
  void beginningAgainUnderAKeyDisposesTheOldNegotiation() throws RejectedException {
    PendingContextStore store = acceptor(10, 10).pendingContexts();
    ServerContext old = store.begin("k");
    ServerContext fresh = store.begin("k");
    assertThat(old.state()).isEqualTo(ContextState.DISPOSED);
    assertThat(store.find("k")).containsSame(fresh);
    assertThat(store.pendingCount()).isEqualTo(1);
  }
}
