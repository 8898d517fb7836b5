package dev.krb5gss.bench;

import dev.krb5gss.token.MessageProtection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.ietf.jgss.MessageProp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Per-message token throughput (RFC 4121 §4.2.6): sealed wrap+unwrap and getMIC+verifyMIC of 1 KiB
 * and 64 KiB messages per AES enctype, for ours, the JDK's krb5 mechanism (same context key, see
 * {@link MessagePair}) and raw javax.crypto AES-CBC + HMAC on the same bytes ({@link RawAesHmac}).
 * {@link #main} runs it and prints the ratios; JMH options on the command line override the
 * defaults ({@code -f 1 -wi 2 -i 3 -w 1s -r 1s}). {@code --interleaved [rounds]} instead runs
 * {@link InterleavedCpuRun}, which counts operations per second of CPU time in alternating slices
 * (robust when other processes load the machine).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MessageBench {
  @Param({"17", "18", "19", "20"})
  public int enctype;

  @Param({"1024", "65536"})
  public int size;

  private MessagePair pair;
  private RawAesHmac raw;
  private byte[] msg;
  private MessageProtection oursInit;
  private MessageProtection oursAcc;

  @Setup
  public void setUp() throws Exception {
    pair = MessagePair.create(enctype);
    raw = new RawAesHmac(enctype, size);
    msg = new byte[size];
    new java.util.Random(size).nextBytes(msg);
    oursInit = pair.oursInitiator;
    oursAcc = pair.oursAcceptor;
  }

  @TearDown
  public void tearDown() throws Exception {
    pair.close();
  }

  @Benchmark
  public byte[] oursWrapUnwrap() throws Exception {
    byte[] token = oursInit.wrap(msg, 0, msg.length, true);
    return oursAcc.unwrap(token, 0, token.length).data();
  }

  @Benchmark
  public byte[] jdkWrapUnwrap() throws Exception {
    byte[] token = pair.jdkInitiator.wrap(msg, 0, msg.length, new MessageProp(0, true));
    return pair.jdkAcceptor.unwrap(token, 0, token.length, new MessageProp(0, true));
  }

  @Benchmark
  public byte[] rawWrapUnwrap() throws Exception {
    return raw.wrapUnwrap();
  }

  @Benchmark
  public Object oursMic() throws Exception {
    byte[] mic = oursInit.getMic(msg, 0, msg.length);
    return oursAcc.verifyMic(mic, msg, 0, msg.length);
  }

  @Benchmark
  public Object jdkMic() throws Exception {
    byte[] mic = pair.jdkInitiator.getMIC(msg, 0, msg.length, new MessageProp(0, false));
    MessageProp prop = new MessageProp(0, false);
    pair.jdkAcceptor.verifyMIC(mic, 0, mic.length, msg, 0, msg.length, prop);
    return prop;
  }

  @Benchmark
  public Object rawMic() {
    return raw.micTwice(msg);
  }

  /** Runs the benchmark and prints ours/JDK and ours/raw ratios per enctype and size. */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--interleaved")) {
      InterleavedCpuRun.run(args.length > 1 ? Integer.parseInt(args[1]) : 20, 50);
      return;
    }
    Options cli = new CommandLineOptions(args);
    ChainedOptionsBuilder opts = new OptionsBuilder().parent(cli);
    if (cli.getIncludes().isEmpty()) {
      opts.include(MessageBench.class.getName() + "\\.");
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
      String key = String.format("%s %6s", r.getParams().getParam("enctype"),
          r.getParams().getParam("size"));
      double[] row = rows.computeIfAbsent(key, k -> new double[6]);
      int column = List.of("oursWrapUnwrap", "jdkWrapUnwrap", "rawWrapUnwrap", "oursMic",
          "jdkMic", "rawMic").indexOf(method);
      row[column] = r.getPrimaryResult().getScore();
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
