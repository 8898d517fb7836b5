package dev.krb5gss.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.context.Acceptor;
import dev.krb5gss.context.PendingContextStore;
import dev.krb5gss.gss.MechOids;
import dev.krb5gss.spnego.NegState;
import dev.krb5gss.spnego.NegTokenInit;
import dev.krb5gss.spnego.NegTokenResp;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import dev.krb5gss.testkit.MutableClock;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.security.auth.Subject;
import org.ietf.jgss.MessageProp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #12 against a real container on loopback: a flood of half-open negotiations (SPNEGO
 * NegTokenInit listing NTLM first, no mechanism token, each on a new connection) from
 * {@value #ADDRESSES} source addresses in 127.0.0.0/8, three times past the global cap, must not
 * lock legitimate clients out. During the flood a one-leg JDK SPNEGO client and a three-leg client
 * (NTLM-first SPNEGO, then Kerberos with mutual authentication, then the client's mechListMIC)
 * both get 200, the store stays at its cap, and the heap stays bounded.
 */
@ExtendWith(KdcExtension.class)
public abstract class NegotiateFloodContract {
  static final int MAX_PENDING = 200;
  static final int ADDRESSES = 150;
  static final int PER_ADDRESS = 4;
  static final long HEAP_CEILING = 64L << 20;
  private static final byte[] HALF_OPEN =
      NegTokenInit.encode(List.of(MechOids.NTLM, MechOids.KRB5), null, null);

  private static KdcPrincipals names;
  private static Subject alice;
  private static String aliceName;
  private static java.nio.file.Path keytab;

  private final MutableClock clock = MutableClock.startingNow();
  private NegotiateHandler handler;
  private int port;

  protected abstract int start(NegotiateHandler handler) throws Exception;

  protected abstract void stop() throws Exception;

  /** The adapter's own getters: pending, expired, refused, evicted. */
  protected abstract long[] adapterCounts();

  /** The class's realm: an HTTP service with its keytab and alice logged in. */
  @BeforeAll
  static void setUpRealm(KdcPrincipals principals) throws Exception {
    names = principals;
    String service = names.addService("HTTP");
    aliceName = names.addUser("alice", "pw");
    alice = names.kdc().login(aliceName, "pw");
    keytab = names.keytab(service);
  }

  @BeforeEach
  void startServer() throws Exception {
    Acceptor acceptor = Acceptor.builder().keytab(keytab).clock(clock)
        .legTimeout(Duration.ofSeconds(30)).maxPending(MAX_PENDING).build();
    handler = NegotiateHandler.builder(acceptor).roles(RoleMapper.fixed("users")).build();
    port = start(handler);
  }

  @AfterEach
  void stopServer() throws Exception {
    stop();
  }

  @Test
  void legitimateClientsGet200DuringAFloodOfHalfOpenNegotiations() throws Exception {
    PendingContextStore store = handler.acceptor().pendingContexts();
    try (JdkInitiator warm = spnego()) {
      assertThat(RawHttp.once(port, "/who", negotiate(warm.firstToken())).status).isEqualTo(200);
    }
    long heapBefore = usedHeapAfterGc();
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      AtomicInteger sent = new AtomicInteger();
      List<Future<?>> first = flood(pool, 0, ADDRESSES * PER_ADDRESS / 2, sent);
      for (Future<?> f : first) {
        f.get(60, TimeUnit.SECONDS);
      }
      assertThat(store.pendingCount()).isEqualTo(MAX_PENDING);
      assertThat(store.evictedCount()).isPositive();

      List<Future<?>> second =
          flood(pool, ADDRESSES * PER_ADDRESS / 2, ADDRESSES * PER_ADDRESS, sent);
      assertThat(oneLegClient()).isEqualTo(200);
      assertThat(threeLegClient(sent)).isEqualTo(200);
      for (Future<?> f : second) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    long heapAfter = usedHeapAfterGc();

    assertThat(store.pendingCount()).isEqualTo(MAX_PENDING);
    assertThat(store.refusedCount()).isZero();
    assertThat(store.evictedCount()).isGreaterThanOrEqualTo(
        ADDRESSES * PER_ADDRESS - MAX_PENDING);
    assertThat(adapterCounts()).containsExactly(store.pendingCount(), store.expiredCount(),
        store.refusedCount(), store.evictedCount());
    assertThat(millis).isLessThan(60_000);
    assertThat(heapAfter - heapBefore).isLessThan(HEAP_CEILING);
    System.out.printf("FLOOD %s: %d half-open negotiations from %d addresses in %d ms; %s;"
        + " heap after GC %+d KiB%n", getClass().getSimpleName(), ADDRESSES * PER_ADDRESS,
        ADDRESSES, millis, store, (heapAfter - heapBefore) >> 10);
  }

  /** Half-open negotiations {@code from} (inclusive) to {@code to}, each on a new connection. */
  private List<Future<?>> flood(ExecutorService pool, int from, int to, AtomicInteger sent) {
    List<Future<?>> futures = new ArrayList<>();
    for (int i = from; i < to; i++) {
      int n = i;
      futures.add(pool.submit(() -> {
        InetAddress source = InetAddress.getByAddress(
            new byte[] {127, 1, (byte) (n % ADDRESSES / 250), (byte) (n % ADDRESSES % 250 + 1)});
        try (RawHttp http = RawHttp.connectFrom(source, port)) {
          RawHttp.Response r = http.get("/who", negotiate(HALF_OPEN));
          assertThat(r.status).isEqualTo(401);
          assertThat(NegTokenResp.parse(r.negotiateToken().orElseThrow()).negState())
              .contains(NegState.ACCEPT_INCOMPLETE);
        }
        sent.incrementAndGet();
        return null;
      }));
    }
    return futures;
  }

  private int oneLegClient() throws Exception {
    try (JdkInitiator init = spnego()) {
      RawHttp.Response r = RawHttp.once(port, "/who", negotiate(init.firstToken()));
      assertThat(r.body).isEqualTo("user=" + aliceName.substring(0, aliceName.indexOf('@')));
      return r.status;
    }
  }

  /** NTLM-first SPNEGO, then Kerberos (mutual), then the client's mechListMIC; flood between. */
  private int threeLegClient(AtomicInteger sent) throws Exception {
    try (RawHttp http = RawHttp.connect(port);
        JdkInitiator init = JdkInitiator.to(names.hostbased("HTTP")).mutual(true).start(alice)) {
      RawHttp.Response first = http.get("/who",
          negotiate(NegTokenInit.encode(List.of(MechOids.NTLM, MechOids.KRB5), null, null)));
      assertThat(first.status).isEqualTo(401);
      awaitMoreFlood(sent);
      RawHttp.Response second = http.get("/who",
          negotiate(NegTokenResp.of(null, null, init.firstToken(), null).encode()));
      assertThat(second.status).isEqualTo(401);
      NegTokenResp reply = NegTokenResp.parse(second.negotiateToken().orElseThrow());
      assertThat(init.complete(reply.responseToken().orElseThrow())).isNull();
      awaitMoreFlood(sent);
      byte[] types = NegTokenInit.encodeMechTypes(List.of(MechOids.NTLM, MechOids.KRB5));
      byte[] mic = init.call(() ->
          init.context().getMIC(types, 0, types.length, new MessageProp(0, false)));
      RawHttp.Response third = http.get("/who",
          negotiate(NegTokenResp.of(null, null, null, mic).encode()));
      assertThat(third.body)
          .isEqualTo("user=" + aliceName.substring(0, aliceName.indexOf('@')));
      return third.status;
    }
  }

  /** Lets at least 50 more flood requests through (the store evicts in between). */
  private static void awaitMoreFlood(AtomicInteger sent) throws InterruptedException {
    int target = Math.min(sent.get() + 50, ADDRESSES * PER_ADDRESS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (sent.get() < target && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  private static JdkInitiator spnego() throws Exception {
    return JdkInitiator.to(names.hostbased("HTTP")).spnego().start(alice);
  }

  private static String negotiate(byte[] token) {
    return "Negotiate " + Base64.getEncoder().encodeToString(token);
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
