package dev.krb5gss.bench;

import com.sun.management.OperatingSystemMXBean;
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
import dev.krb5gss.testkit.GssOids;
import dev.krb5gss.testkit.JaasLogins;
import dev.krb5gss.testkit.KeytabFile;
import dev.krb5gss.testkit.LongTermKey;
import dev.krb5gss.testkit.Subjects;
import dev.krb5gss.testkit.TicketForge;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import javax.security.auth.Subject;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSManager;

/**
 * A plain-main driver for profiling the accept path (RFC 4120 §3.2.3 AP-REQ verification plus
 * the §3.2.4 AP-REP) under JFR: N distinct aes256-cts-hmac-sha1-96 AP-REQs forged by the kit for
 * one ticket (each with its own authenticator, subkey, ctime/cusec, mutual-required, the 0x8003
 * checksum with the usual flags, as MIT and the JDK send), then passes over all of them with a
 * fresh replay cache per pass ({@code path=ap}: {@link ApAcceptor}; {@code acceptor}: through
 * {@link Acceptor} and {@link ServerContext}; {@code jdk}: the JDK's own acceptor on the same
 * tokens, its JVM-wide replay cache emptied before each pass). Prints µs per accept
 * by the accepting threads' CPU time (ThreadMXBean, what other processes on a shared machine
 * cannot steal), by the process's CPU time (GC and JIT included) and by wall time.
 *
 * <pre>
 * java -XX:StartFlightRecording=filename=accept.jfr,settings=profile -cp ... \
 *     [--add-opens java.security.jgss/sun.security.krb5=ALL-UNNAMED \
 *      --add-opens java.security.jgss/sun.security.krb5.internal=ALL-UNNAMED] \
 *     dev.krb5gss.bench.AcceptProfile [tokens=20000] [passes=10] [threads=1] [path=ap|acceptor|jdk]
 * jfr print --events jdk.ExecutionSample accept.jfr
 * </pre>
 */
public final class AcceptProfile {
  private static final String SERVICE = "HTTP/bench.example@BENCH.TEST";
  private static final String CLIENT = "alice@BENCH.TEST";
  private static final com.sun.management.ThreadMXBean CPU =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** The time the tokens are made for: now, so the JDK's acceptor (system clock) takes them. */
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);
  private final AesEnctype enctype = AesEnctype.AES256_CTS_HMAC_SHA1_96;
  private final LongTermKey key =
      new LongTermKey(SERVICE, enctype, 2, ForgeCrypto.kerby().randomKey(enctype));
  private final ServiceKeyTable keys = ServiceKeyTable.of(List.of(new ServiceKey(
      PrincipalName.parse(SERVICE, ""), 2, EncType.of(enctype.id()),
      SecretBytes.copyOf(key.keyBytes()))));
  private final TicketForge forge = TicketForge.forService(key).withClock(clock);
  private final ForgedTicket ticket = forge.ticket().client(CLIENT).build();
  private final int count;
  private final String path;
  private final List<byte[]> tokens;
  private JdkSide jdk;

  private AcceptProfile(int count, String path) throws Exception {
    this.count = count;
    this.path = path;
    this.tokens = tokens();
    if (path.equals("jdk")) {
      jdk = new JdkSide(key);
    }
  }

  /** {@code count} distinct AP-REQs. */
  private List<byte[]> tokens() {
    List<byte[]> out = new ArrayList<>(count);
    Instant first = now.minusSeconds(60);
    for (int i = 0; i < count; i++) {
      out.add(forge.apReq(ticket).ctime(first.plusSeconds(i / 1000))
          .cusec((i % 1000) * 997).randomSubkey(enctype).build().gssToken());
    }
    return out;
  }

  public static void main(String[] args) throws Exception {
    int count = intArg(args, "tokens", 20_000);
    int passes = intArg(args, "passes", 10);
    int threads = intArg(args, "threads", 1);
    String path = arg(args, "path", "ap");
    if (!List.of("ap", "acceptor", "jdk").contains(path)) {
      throw new IllegalArgumentException("path is ap, acceptor or jdk, got " + path);
    }
    AcceptProfile p = new AcceptProfile(count, path);
    System.out.printf(Locale.ROOT, "%d tokens, %d passes, %d thread(s), path %s%n", count,
        passes, threads, path);
    for (int pass = 0; pass < passes; pass++) {
      if (p.jdk != null) {
        JdkSide.emptyReplayCache();
      }
      double[] r = p.pass(threads);
      System.out.printf(Locale.ROOT, "pass %2d: %6.2f µs thread CPU  %6.2f µs process CPU  %6.2f "
          + "µs wall (per thread)  %6.0f accepts/s  %5.1f KiB allocated, per accept%n", pass, r[0],
          r[3], r[1], r[2], r[4]);
    }
  }

  /** One pass over all tokens, shared out among {@code threads}; {cpu µs, wall µs, accepts/s}. */
  private double[] pass(int threads) throws Exception {
    ApPolicy policy = ApPolicy.builder().clock(clock)
        .replayCache(new InMemoryReplayCache(clock, InMemoryReplayCache.DEFAULT_MAX_ENTRIES,
            InMemoryReplayCache.DEFAULT_MAX_ENTRIES))
        .build();
    ApAcceptor ap = new ApAcceptor(keys, policy);
    Acceptor acceptor = path.equals("acceptor") ? Acceptor.builder().keys(keys).clock(clock)
        .replayCache(new InMemoryReplayCache(clock, InMemoryReplayCache.DEFAULT_MAX_ENTRIES,
            InMemoryReplayCache.DEFAULT_MAX_ENTRIES))
        .build() : null;
    long[] cpu = new long[threads];
    long[] allocated = new long[threads];
    CyclicBarrier start = new CyclicBarrier(threads);
    List<Thread> workers = new ArrayList<>();
    Throwable[] failure = new Throwable[1];
    for (int t = 0; t < threads; t++) {
      int index = t;
      workers.add(new Thread(() -> {
        try {
          start.await();
          long c0 = CPU.getCurrentThreadCpuTime();
          long a0 = CPU.getThreadAllocatedBytes(Thread.currentThread().getId());
          if (jdk != null) {
            jdk.acceptAll(tokens, index, threads);
          }
          for (int i = index; jdk == null && i < tokens.size(); i += threads) {
            if (acceptor != null) {
              acceptViaContext(acceptor, tokens.get(i));
            } else {
              acceptDirect(ap, tokens.get(i));
            }
          }
          cpu[index] = CPU.getCurrentThreadCpuTime() - c0;
          allocated[index] = CPU.getThreadAllocatedBytes(Thread.currentThread().getId()) - a0;
        } catch (Throwable e) {
          failure[0] = e;
        }
      }));
    }
    long w0 = System.nanoTime();
    long p0 = OS.getProcessCpuTime();
    workers.forEach(Thread::start);
    for (Thread w : workers) {
      w.join();
    }
    long wall = System.nanoTime() - w0;
    long process = OS.getProcessCpuTime() - p0;
    if (failure[0] != null) {
      throw new IllegalStateException("an accept failed", failure[0]);
    }
    if (jdk == null) {
      expectReplay(ap, acceptor);
    }
    long cpuTotal = 0;
    long allocatedTotal = 0;
    for (int t = 0; t < threads; t++) {
      cpuTotal += cpu[t];
      allocatedTotal += allocated[t];
    }
    int n = tokens.size();
    return new double[] {cpuTotal / 1000.0 / n, wall / 1000.0 * threads / n, n * 1e9 / wall,
        process / 1000.0 / n, allocatedTotal / 1024.0 / n};
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

  /** The JDK's own acceptor (SunJGSS) with the same service key, from a keytab file. */
  private static final class JdkSide {
    private final Subject service;
    private final GSSCredential credential;

    JdkSide(LongTermKey key) throws Exception {
      Path keytab = Files.createTempDirectory("accept-profile").resolve("service.keytab");
      KeytabFile.write(keytab, List.of(key));
      keytab.toFile().deleteOnExit();
      service = JaasLogins.acceptor(keytab, SERVICE);
      credential = Subjects.callAs(service, () -> GSSManager.getInstance().createCredential(
          null, GSSCredential.INDEFINITE_LIFETIME, GssOids.KRB5, GSSCredential.ACCEPT_ONLY));
    }

    /**
     * Puts a new, empty JVM-wide replay cache in {@code sun.security.krb5.KrbApReq.rcache} (the
     * JDK's only one), as a fresh acceptor of ours gets; needs {@code --add-opens
     * java.security.jgss/sun.security.krb5=ALL-UNNAMED} and the same for
     * {@code sun.security.krb5.internal}.
     */
    static void emptyReplayCache() throws ReflectiveOperationException {
      Field rcache = Class.forName("sun.security.krb5.KrbApReq").getDeclaredField("rcache");
      Method fresh = Class.forName("sun.security.krb5.internal.ReplayCache")
          .getMethod("getInstance");
      rcache.setAccessible(true);
      fresh.setAccessible(true);
      rcache.set(null, fresh.invoke(null));
    }

    void acceptAll(List<byte[]> tokens, int first, int stride) throws Exception {
      GSSManager manager = GSSManager.getInstance();
      Subjects.callAs(service, () -> {
        for (int i = first; i < tokens.size(); i += stride) {
          byte[] token = tokens.get(i);
          GSSContext context = manager.createContext(credential);
          byte[] out = context.acceptSecContext(token, 0, token.length);
          if (!context.isEstablished() || out == null || out.length == 0) {
            throw new IllegalStateException("the JDK did not establish with an AP-REP");
          }
          context.dispose();
        }
        return null;
      });
    }
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
