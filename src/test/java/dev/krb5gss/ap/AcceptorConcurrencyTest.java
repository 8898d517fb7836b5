package dev.krb5gss.ap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.replay.InMemoryReplayCache;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One acceptor shared by many threads: the same token wins exactly once (RFC 4120 §3.2.3). */
class AcceptorConcurrencyTest {
  private final ForgeFixture fx = ForgeFixture.aes256();

  @Test
  void oneTokenRacedByManyThreadsIsAcceptedOnceAndDistinctTokensAllPass() throws Exception {
    ApAcceptor acceptor = fx.acceptor();
    byte[] shared = fx.validToken();
    List<byte[]> distinct = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      distinct.add(fx.validToken());
    }
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger sharedWins = new AtomicInteger();
    ConcurrentHashMap<Reason, Integer> sharedLosses = new ConcurrentHashMap<>();
    AtomicInteger distinctWins = new AtomicInteger();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int offset = t;
      futures.add(pool.submit(() -> {
        start.await();
        try {
          acceptor.accept(shared, null);
          sharedWins.incrementAndGet();
        } catch (RejectedException e) {
          sharedLosses.merge(e.reason(), 1, Integer::sum);
        }
        for (int i = offset; i < distinct.size(); i += threads) {
          acceptor.accept(distinct.get(i), null);
          distinctWins.incrementAndGet();
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(sharedWins.get()).isEqualTo(1);
    assertThat(sharedLosses).containsExactly(java.util.Map.entry(Reason.REPLAY, threads - 1));
    assertThat(distinctWins.get()).isEqualTo(distinct.size());
  }

  @Test
  void aFullReplayCacheRefusesNewAuthenticatorsInsteadOfForgetting() throws Exception {
    ApAcceptor acceptor = fx.acceptor(fx.policy()
        .replayCache(new InMemoryReplayCache(fx.acceptorClock, 1, 1)).build());
    acceptor.accept(fx.validToken(), null);
    ApRejectionTest.assertRejected(() -> acceptor.accept(fx.validToken(), null),
        Reason.REPLAY_CACHE_FULL, "replay cache", "maximum 1");
  }
}
