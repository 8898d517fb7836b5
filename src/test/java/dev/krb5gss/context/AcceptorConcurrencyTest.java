package dev.krb5gss.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.name.PrincipalName;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One Acceptor shared by many threads: every distinct JDK token completes with the right client,
 * and each token sent twice at the same time completes exactly once (the other is a REPLAY).
 */
@ExtendWith(KdcExtension.class)
class AcceptorConcurrencyTest {
  private static final int TOKENS = 24;
  private static final int THREADS = 8;

  @Test
  void concurrentAcceptsOnOneAcceptor(KdcPrincipals names) throws Exception {
    KdcFixture kdc = new KdcFixture(names, "HTTP");
    Acceptor acceptor = kdc.acceptor().build();
    List<byte[]> tokens = new ArrayList<>();
    List<JdkInitiator> initiators = new ArrayList<>();
    for (int i = 0; i < TOKENS; i++) {
      JdkInitiator init = i % 2 == 0 ? kdc.krb5(true) : kdc.spnego();
      initiators.add(init);
      tokens.add(init.firstToken());
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      AtomicInteger completed = new AtomicInteger();
      AtomicInteger replays = new AtomicInteger();
      ConcurrentHashMap<Integer, PrincipalName> clients = new ConcurrentHashMap<>();
      List<Future<?>> futures = new ArrayList<>();
      for (int copy = 0; copy < 2; copy++) {
        for (int i = 0; i < TOKENS; i++) {
          int index = i;
          futures.add(pool.submit((Callable<Void>) () -> {
            start.await();
            ServerContext ctx = acceptor.pendingContexts().begin(index + "/" + Thread.currentThread().getId());
            try {
              AcceptResult r = ctx.accept(tokens.get(index));
              assertThat(r.status()).isEqualTo(AcceptStatus.COMPLETE);
              clients.put(index, ctx.established().client());
              completed.incrementAndGet();
            } catch (RejectedException e) {
              assertThat(e.reason()).isEqualTo(Reason.REPLAY);
              replays.incrementAndGet();
            }
            return null;
          }));
        }
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
      assertThat(completed.get()).isEqualTo(TOKENS);
      assertThat(replays.get()).isEqualTo(TOKENS);
      assertThat(clients).hasSize(TOKENS);
      assertThat(clients.values()).containsOnly(PrincipalName.parse(kdc.user, ""));
      assertThat(acceptor.pendingContexts().pendingCount()).isZero();
    } finally {
      pool.shutdownNow();
      for (JdkInitiator init : initiators) {
        init.close();
      }
    }
  }
}
