package dev.krb5gss.bench;

import dev.krb5gss.testkit.JaasLogins;
import dev.krb5gss.token.MessageProtection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.security.auth.Subject;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.MessageProp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The per-message benchmark (RFC 4121 §4.2.6): throughput of sealed wrap/unwrap and
 * getMIC/verifyMIC, in two groups that share this one class.
 *
 * <ul>
 *   <li><b>Forged pair</b> ({@link Forged}: no KDC): {@code ours*}, {@code jdk*} and {@code raw*}
 *       — sealed wrap+unwrap and getMIC+verifyMIC of 1 KiB and 64 KiB messages per AES enctype
 *       (17/18/19/20), for ours, the JDK's krb5 mechanism on the same context key (see
 *       {@link MessagePair}) and raw javax.crypto AES-CBC + HMAC on the same bytes
 *       ({@link RawAesHmac}). {@link #main} runs this group and prints the ratios; JMH options on
 *       the command line override the defaults ({@code -f 1 -wi 2 -i 3 -w 1s -r 1s}).
 *       {@code --interleaved [rounds]} instead runs {@link InterleavedCpuRun}, which counts
 *       operations per second of CPU time in alternating slices (robust when other processes load
 *       the machine). Command: {@code krb5-test/bench/message-bench.sh}.</li>
 *   <li><b>Acceptor under test</b> ({@link Live}: the MIT KDC of {@code krb5-test/bench/run.sh}):
 *       {@link #wrap} and {@link #unwrap} with confidentiality on the acceptor side of an
 *       established krb5 context, for one {@link BenchAcceptors} slot ({@code jdk}, {@code
 *       ours-gss}, {@code ours-acceptor}). The initiator is the JDK's (SunJGSS, pinned on its own
 *       manager so it stays the JDK's when our provider is installed), logged in from the MIT
 *       ccache; it asks for neither replay nor sequence detection, so unwrapping one peer token
 *       again and again is legitimate and the figure is the per-message crypto and framing alone.
 *       {@code run.sh} selects it with the include pattern {@link #LIVE}.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MessageBench {

  /** JMH include pattern of the forged-pair group. */
  public static final String FORGED = MessageBench.class.getName() + "\\.(ours|jdk|raw)";

  /** JMH include pattern of the acceptor-under-test group (wrap, unwrap). */
  public static final String LIVE = MessageBench.class.getName() + "\\.(wrap|unwrap)$";

  /** A context pair on a forged ticket, ours and the JDK's on the same key, plus raw crypto. */
  @State(Scope.Benchmark)
  public static class Forged {
    @Param({"17", "18", "19", "20"})
    public int enctype;

    @Param({"1024", "65536"})
    public int size;

    MessagePair pair;
    RawAesHmac raw;
    byte[] msg;
    MessageProtection oursInit;
    MessageProtection oursAcc;

    @Setup
    public void setUp() throws Exception {
      pair = MessagePair.create(enctype);
      raw = new RawAesHmac(enctype, size);
      msg = new byte[size];
      new Random(size).nextBytes(msg);
      oursInit = pair.oursInitiator;
      oursAcc = pair.oursAcceptor;
    }

    @TearDown
    public void tearDown() throws Exception {
      pair.close();
    }
  }

  /** An established context between the JDK's initiator and the acceptor under test. */
  @State(Scope.Benchmark)
  public static class Live {
    @Param("jdk")
    public String acceptor;

    @Param({"1024", "65536"})
    public int bytes;

    @Param("")
    public String keytab;

    @Param("")
    public String principal;

    /** MIT FILE ccache holding the client's TGT. */
    @Param("")
    public String ccache;

    /** Client principal, e.g. bench@BENCH.TEST. */
    @Param("")
    public String client;

    /**
     * When set, every measured iteration appends "benchmark bytes cpuNanos operations" to this
     * file: process CPU time per operation, a figure that hardly depends on background load.
     */
    @Param("")
    public String cpuFile;

    private BenchAcceptor opened;
    BenchContext accepted;
    private GSSContext initiator;
    byte[] message;
    byte[] peerToken;
    long operations;
    private long cpuAtStart;
    private boolean measured;

    @Setup(Level.Trial)
    public void establish() throws Exception {
      opened = BenchAcceptors.factory(acceptor).open(new BenchService(principal, Path.of(keytab)));
      accepted = opened.newContext();
      initiator = jdkInitiator();
      byte[] reply = accepted.accept(initiator.initSecContext(new byte[0], 0, 0));
      initiator.initSecContext(reply, 0, reply.length);
      if (!initiator.isEstablished()) {
        throw new IllegalStateException("expected the initiator established after the AP-REP");
      }
      message = new byte[bytes];
      new Random(bytes).nextBytes(message);
      peerToken = initiator.wrap(message, 0, bytes, new MessageProp(0, true));
      byte[] wrapped = accepted.wrap(message);
      byte[] roundTrip = initiator.unwrap(wrapped, 0, wrapped.length, new MessageProp(0, true));
      if (!Arrays.equals(message, accepted.unwrap(peerToken))
          || !Arrays.equals(message, roundTrip)) {
        throw new IllegalStateException("wrap/unwrap round trip changed the message");
      }
    }

    private GSSContext jdkInitiator() throws Exception {
      Subject subject = JaasLogins.initiatorFromCache(client, Path.of(ccache));
      GSSManager manager = GSSManager.getInstance();
      Provider sunJgss = Security.getProvider("SunJGSS");
      manager.addProviderAtFront(sunJgss, GssApiAcceptor.KRB5);
      return GssApiAcceptor.asSubject(subject, () -> {
        GSSCredential credential = manager.createCredential(null, GSSCredential.DEFAULT_LIFETIME,
            GssApiAcceptor.KRB5, GSSCredential.INITIATE_ONLY);
        GSSContext context = manager.createContext(
            manager.createName(principal, GssApiAcceptor.KRB5_PRINCIPAL_NAME),
            GssApiAcceptor.KRB5, credential, GSSContext.DEFAULT_LIFETIME);
        context.requestMutualAuth(true);
        context.requestConf(true);
        context.requestInteg(true);
        context.requestReplayDet(false);
        context.requestSequenceDet(false);
        return context;
      });
    }

    @Setup(Level.Iteration)
    public void startCounting(IterationParams iteration) {
      measured = iteration.getType() == IterationType.MEASUREMENT;
      operations = 0;
      cpuAtStart = ProcessCpu.nanos();
    }

    @TearDown(Level.Iteration)
    public void recordCpu(BenchmarkParams benchmark) throws IOException {
      long cpu = ProcessCpu.nanos() - cpuAtStart;
      if (measured && !cpuFile.isEmpty()) {
        String name = benchmark.getBenchmark();
        String method = name.substring(name.lastIndexOf('.') + 1);
        Files.writeString(Path.of(cpuFile), method + " " + bytes + " " + cpu + " " + operations
            + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      }
    }

    @TearDown(Level.Trial)
    public void dispose() throws Exception {
      accepted.dispose();
      initiator.dispose();
      opened.close();
    }
  }

  @Benchmark
  public byte[] oursWrapUnwrap(Forged f) throws Exception {
    byte[] token = f.oursInit.wrap(f.msg, 0, f.msg.length, true);
    return f.oursAcc.unwrap(token, 0, token.length).data();
  }

  @Benchmark
  public byte[] jdkWrapUnwrap(Forged f) throws Exception {
    byte[] token = f.pair.jdkInitiator.wrap(f.msg, 0, f.msg.length, new MessageProp(0, true));
    return f.pair.jdkAcceptor.unwrap(token, 0, token.length, new MessageProp(0, true));
  }

  @Benchmark
  public byte[] rawWrapUnwrap(Forged f) throws Exception {
    return f.raw.wrapUnwrap();
  }

  @Benchmark
  public Object oursMic(Forged f) throws Exception {
    byte[] mic = f.oursInit.getMic(f.msg, 0, f.msg.length);
    return f.oursAcc.verifyMic(mic, f.msg, 0, f.msg.length);
  }

  @Benchmark
  public Object jdkMic(Forged f) throws Exception {
    byte[] mic = f.pair.jdkInitiator.getMIC(f.msg, 0, f.msg.length, new MessageProp(0, false));
    MessageProp prop = new MessageProp(0, false);
    f.pair.jdkAcceptor.verifyMIC(mic, 0, mic.length, f.msg, 0, f.msg.length, prop);
    return prop;
  }

  @Benchmark
  public Object rawMic(Forged f) {
    return f.raw.micTwice(f.msg);
  }

  /** The acceptor under test wraps. */
  @Benchmark
  public byte[] wrap(Live l) throws Exception {
    l.operations++;
    return l.accepted.wrap(l.message);
  }

  /** The acceptor under test unwraps a token the initiator wrapped. */
  @Benchmark
  public byte[] unwrap(Live l) throws Exception {
    l.operations++;
    return l.accepted.unwrap(l.peerToken);
  }

  /** Runs the forged-pair group and prints ours/JDK and ours/raw ratios per enctype and size. */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--interleaved")) {
      InterleavedCpuRun.run(args.length > 1 ? Integer.parseInt(args[1]) : 20, 50);
      return;
    }
    Options cli = new CommandLineOptions(args);
    ChainedOptionsBuilder opts = new OptionsBuilder().parent(cli);
    if (cli.getIncludes().isEmpty()) {
      opts.include(FORGED);
    }
    if (!cli.getForkCount().hasValue()) {
      opts.forks(1);
    }
    if (!cli.getWarmupIterations().hasValue()) {
      opts.warmupIterations(2);
    }
    if (!cli.getMeasurementIterations().hasValue()) {
      opts.measurementIterations(3);
    }
    if (!cli.getWarmupTime().hasValue()) {
      opts.warmupTime(TimeValue.seconds(1));
    }
    if (!cli.getMeasurementTime().hasValue()) {
      opts.measurementTime(TimeValue.seconds(1));
    }
    printRatios(new Runner(opts.build()).run());
  }

  private static void printRatios(Collection<RunResult> results) {
    TreeMap<String, double[]> rows = new TreeMap<>();   // key -> ours, jdk, raw (wrap), same (mic)
    for (RunResult r : results) {
      String bench = r.getParams().getBenchmark();
      String method = bench.substring(bench.lastIndexOf('.') + 1);
      int column = List.of("oursWrapUnwrap", "jdkWrapUnwrap", "rawWrapUnwrap", "oursMic",
          "jdkMic", "rawMic").indexOf(method);
      if (column < 0) {
        continue;
      }
      String key = String.format("%s %6s", r.getParams().getParam("enctype"),
          r.getParams().getParam("size"));
      rows.computeIfAbsent(key, k -> new double[6])[column] = r.getPrimaryResult().getScore();
    }
    List<String> out = new ArrayList<>();
    out.add("enctype   size | wrap+unwrap ops/s: ours      jdk  ours/jdk      raw  raw/ours"
        + " | MIC ops/s: ours      jdk  ours/jdk      raw  raw/ours");
    rows.forEach((k, v) -> out.add(String.format(Locale.ROOT,
        "%-14s | %22.0f %8.0f %8.2fx %8.0f %8.2fx | %14.0f %8.0f %8.2fx %8.0f %8.2fx",
        k, v[0], v[1], v[0] / v[1], v[2], v[2] / v[0], v[3], v[4], v[3] / v[4], v[5],
        v[5] / v[3])));
    out.forEach(System.out::println);
  }
}
