package dev.krb5gss.bench;

import dev.krb5gss.ap.ApAcceptor;
import dev.krb5gss.ap.ApEstablished;
import dev.krb5gss.ap.ApPolicy;
import dev.krb5gss.context.AcceptResult;
import dev.krb5gss.context.AcceptStatus;
import dev.krb5gss.context.Acceptor;
import dev.krb5gss.context.ServerContext;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.crypto.SecretBytes;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.keytab.ServiceKey;
import dev.krb5gss.keytab.ServiceKeyTable;
import dev.krb5gss.name.PrincipalName;
import dev.krb5gss.replay.InMemoryReplayCache;
import dev.krb5gss.testkit.AesEnctype;
import dev.krb5gss.testkit.ForgeCrypto;
import dev.krb5gss.testkit.ForgedTicket;
import dev.krb5gss.testkit.LongTermKey;
import dev.krb5gss.testkit.TicketForge;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;

/**
 * A plain-main driver for profiling the accept path (RFC 4120 §3.2.3 AP-REQ verification plus
 * the §3.2.4 AP-REP) under JFR: N distinct aes256-cts-hmac-sha1-96 AP-REQs forged by the kit for
 * one ticket (each with its own authenticator, subkey, ctime/cusec, mutual-required, the 0x8003
 * checksum with the usual flags, as MIT and the JDK send), then passes over all of them with a
 * fresh replay cache per pass. Prints µs per accept by this thread's CPU time (ThreadMXBean, what
 * other processes on a shared machine cannot steal) and by wall time.
 *
 * <pre>
 * java -XX:StartFlightRecording=filename=accept.jfr,settings=profile -cp ... \
 *     dev.krb5gss.bench.AcceptProfile [tokens=20000] [passes=10] [threads=1] [path=ap|acceptor]
 * jfr print --events jdk.ExecutionSample accept.jfr
 * </pre>
 */
public final class AcceptProfile {
  private static final String SERVICE = "HTTP/bench.example@BENCH.TEST";
  private static final String CLIENT = "alice@BENCH.TEST";
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private final List<byte[]> tokens;
  private final ServiceKeyTable keys;
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final boolean viaContext;

  private AcceptProfile(int count, boolean viaContext) {
    this.viaContext = viaContext;
    AesEnctype enctype = AesEnctype.AES256_CTS_HMAC_SHA1_96;
    LongTermKey key = new LongTermKey(SERVICE, enctype, 2, ForgeCrypto.kerby().randomKey(enctype));
    this.keys = ServiceKeyTable.of(List.of(new ServiceKey(PrincipalName.parse(SERVICE, ""), 2,
        EncType.of(enctype.id()), SecretBytes.copyOf(key.keyBytes()))));
    TicketForge forge = TicketForge.forService(key).withClock(clock);
    ForgedTicket ticket = forge.ticket().client(CLIENT).build();
    this.tokens = new ArrayList<>(count);
    Instant first = NOW.minusSeconds(60);
    for (int i = 0; i < count; i++) {
      tokens.add(forge.apReq(ticket).ctime(first.plusSeconds(i / 1000)).cusec((i % 1000) * 997)
          .randomSubkey(enctype).build().gssToken());
    }
  }

  public static void main(String[] args) throws Exception {
    int count = intArg(args, "tokens", 20_000);
    int passes = intArg(args, "passes", 10);
    int threads = intArg(args, "threads", 1);
    boolean viaContext = "acceptor".equals(arg(args, "path", "ap"));
    AcceptProfile p = new AcceptProfile(count, viaContext);
    System.out.printf(Locale.ROOT, "%d tokens, %d passes, %d thread(s), path %s%n", count,
        passes, threads, viaContext ? "Acceptor/ServerContext" : "ApAcceptor");
    for (int pass = 0; pass < passes; pass++) {
      double[] r = p.pass(threads);
      System.out.printf(Locale.ROOT, "pass %2d: %8.2f µs CPU/accept (per thread)  %8.2f µs wall"
          + "/accept (per thread)  %9.0f accepts/s%n", pass, r[0], r[1], r[2]);
    }
  }

  /** One pass over all tokens, shared out among {@code threads}; {cpu µs, wall µs, accepts/s}. */
  private double[] pass(int threads) throws Exception {
    ApPolicy policy = ApPolicy.builder().clock(clock)
        .replayCache(new InMemoryReplayCache(clock, InMemoryReplayCache.DEFAULT_MAX_ENTRIES))
        .build();
    ApAcceptor ap = new ApAcceptor(keys, policy);
    Acceptor acceptor = viaContext ? Acceptor.builder().keys(keys).clock(clock)
        .replayCache(new InMemoryReplayCache(clock, InMemoryReplayCache.DEFAULT_MAX_ENTRIES))
        .build() : null;
    long[] cpu = new long[threads];
    CyclicBarrier start = new CyclicBarrier(threads);
    List<Thread> workers = new ArrayList<>();
    Throwable[] failure = new Throwable[1];
    for (int t = 0; t < threads; t++) {
      int index = t;
      workers.add(new Thread(() -> {
        try {
          start.await();
          long c0 = CPU.getCurrentThreadCpuTime();
          for (int i = index; i < tokens.size(); i += threads) {
            if (acceptor != null) {
              acceptViaContext(acceptor, tokens.get(i));
            } else {
              acceptDirect(ap, tokens.get(i));
            }
          }
          cpu[index] = CPU.getCurrentThreadCpuTime() - c0;
        } catch (Throwable e) {
          failure[0] = e;
        }
      }));
    }
    long w0 = System.nanoTime();
    workers.forEach(Thread::start);
    for (Thread w : workers) {
      w.join();
    }
    long wall = System.nanoTime() - w0;
    if (failure[0] != null) {
      throw new IllegalStateException("an accept failed", failure[0]);
    }
    expectReplay(ap, acceptor);
    long cpuTotal = 0;
    for (long c : cpu) {
      cpuTotal += c;
    }
    int n = tokens.size();
    return new double[] {cpuTotal / 1000.0 / n, wall / 1000.0 * threads / n, n * 1e9 / wall};
  }

  private static void acceptDirect(ApAcceptor ap, byte[] token) throws RejectedException {
    ApEstablished est = ap.accept(token, null);
    if (est.outputToken().length == 0) {
      throw new IllegalStateException("no AP-REP built");
    }
    est.destroy();
  }

  private static void acceptViaContext(Acceptor acceptor, byte[] token) throws RejectedException {
    ServerContext ctx = acceptor.newContext();
    AcceptResult r = ctx.accept(token);
    if (r.status() != AcceptStatus.COMPLETE || r.outputToken().length == 0) {
      throw new IllegalStateException("not established with an AP-REP: " + r.status());
    }
    ctx.dispose();
  }

  private void expectReplay(ApAcceptor ap, Acceptor acceptor) {
    try {
      if (acceptor != null) {
        acceptor.newContext().accept(tokens.get(0));
      } else {
        ap.accept(tokens.get(0), null);
      }
    } catch (RejectedException e) {
      if (e.reason() == Reason.REPLAY) {
        return;
      }
      throw new IllegalStateException("expected a replay, got " + e.reason(), e);
    }
    throw new IllegalStateException("a replayed token was accepted");
  }

  private static String arg(String[] args, String name, String dflt) {
    for (String a : args) {
      if (a.startsWith(name + "=")) {
        return a.substring(name.length() + 1);
      }
    }
    return dflt;
  }

  private static int intArg(String[] args, String name, int dflt) {
    return Integer.parseInt(arg(args, name, Integer.toString(dflt)));
  }
}
