package dev.krb5gss.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * A load-robust companion to the JMH run of {@link MessageBench}: on a shared machine wall-clock
 * throughput swings with other processes between one JMH benchmark and the next, so this runs
 * ours, the JDK's and raw in short alternating slices for many rounds and counts operations per
 * second of this thread's CPU time (ThreadMXBean), which other processes do not steal. The first
 * {@value #WARMUP_ROUNDS} rounds are warm-up and discarded.
 */
final class InterleavedCpuRun {
  private static final String[] NAMES = {"oursWrapUnwrap", "jdkWrapUnwrap", "rawWrapUnwrap",
      "oursMic", "jdkMic", "rawMic"};
  private static final int WARMUP_ROUNDS = 5;
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private InterleavedCpuRun() {}

  static void run(int rounds, long sliceMillis) throws Exception {
    List<String> out = new ArrayList<>();
    out.add("CPU-time throughput, interleaved (" + rounds + " rounds of " + sliceMillis
        + " ms slices per operation)");
    out.add("enctype   size | wrap+unwrap ops/cpu-s: ours      jdk  ours/jdk      raw  raw/ours"
        + " | MIC ops/cpu-s: ours      jdk  ours/jdk      raw  raw/ours");
    for (int enctype : new int[] {17, 18, 19, 20}) {
      for (int size : new int[] {1024, 65536}) {
        MessageBench.Forged f = new MessageBench.Forged();
        f.enctype = enctype;
        f.size = size;
        f.setUp();
        try {
          double[] v = measure(new MessageBench(), f, rounds, sliceMillis);
          out.add(String.format(Locale.ROOT,
              "%-7d %6d | %25.0f %8.0f %8.2fx %8.0f %8.2fx | %17.0f %8.0f %8.2fx %8.0f %8.2fx",
              enctype, size, v[0], v[1], v[0] / v[1], v[2], v[2] / v[0], v[3], v[4],
              v[3] / v[4], v[5], v[5] / v[3]));
        } finally {
          f.tearDown();
        }
      }
    }
    out.forEach(System.out::println);
  }

  private static double[] measure(MessageBench b, MessageBench.Forged f, int rounds,
      long sliceMillis) throws Exception {
    List<Callable<Object>> ops = List.of(() -> b.oursWrapUnwrap(f), () -> b.jdkWrapUnwrap(f),
        () -> b.rawWrapUnwrap(f), () -> b.oursMic(f), () -> b.jdkMic(f), () -> b.rawMic(f));
    long[] count = new long[ops.size()];
    long[] cpu = new long[ops.size()];
    for (int round = 0; round < WARMUP_ROUNDS + rounds; round++) {
      for (int i = 0; i < ops.size(); i++) {
        long n = 0;
        long c0 = CPU.getCurrentThreadCpuTime();
        long end = System.nanoTime() + sliceMillis * 1_000_000;
        while (System.nanoTime() < end) {
          if (ops.get(i).call() == null) {
            throw new IllegalStateException(NAMES[i] + " returned nothing");
          }
          n++;
        }
        if (round >= WARMUP_ROUNDS) {
          count[i] += n;
          cpu[i] += CPU.getCurrentThreadCpuTime() - c0;
        }
      }
    }
    double[] perCpuSecond = new double[ops.size()];
    for (int i = 0; i < ops.size(); i++) {
      perCpuSecond[i] = count[i] * 1e9 / cpu[i];
    }
    return perCpuSecond;
  }
}
