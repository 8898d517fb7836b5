package dev.krb5gss.bench;

import dev.krb5gss.context.AcceptStatus;
import dev.krb5gss.context.Acceptor;
import dev.krb5gss.context.ServerContext;
import dev.krb5gss.replay.InMemoryReplayCache;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The overhead of observing accepts (off, Krb5GssMetrics bound, a JFR recording of
 * dev.krb5gss.Accept), load-robust: one JVM accepts the same MIT-made tokens in short slices,
 * the three modes in turns for many rounds, each slice with a fresh acceptor (empty replay
 * cache), and counts accepts per second of this thread's CPU time, which other processes on a
 * shared machine do not steal. The first {@value #WARMUP_ROUNDS} rounds are discarded. Observation
 * is switched on and off outside the measured slices.
 *
 * <p>Arguments: token file, keytab, rounds, tokens per slice.
 */
public final class ObserveOverheadRun {
  private static final String[] MODES = {"off", "metrics", "jfr"};
  private static final int WARMUP_ROUNDS = 5;
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private ObserveOverheadRun() {}

  public static void main(String[] args) throws Exception {
    List<byte[]> tokens = TokenFile.read(Path.of(args[0]));
    Path keytab = Path.of(args[1]);
    int rounds = Integer.parseInt(args[2]);
    int slice = Math.min(Integer.parseInt(args[3]), tokens.size());
    long[] accepts = new long[MODES.length];
    long[] cpu = new long[MODES.length];
    int next = 0;
    for (int round = 0; round < WARMUP_ROUNDS + rounds; round++) {
      for (int m = 0; m < MODES.length; m++) {
        Acceptor acceptor = Acceptor.builder().keytab(keytab)
            .replayCache(new InMemoryReplayCache()).build();
        try (BenchObservation observation = BenchObservation.start(MODES[m])) {
          long c0 = CPU.getCurrentThreadCpuTime();
          for (int i = 0; i < slice; i++) {
            ServerContext ctx = acceptor.newContext();
            if (ctx.accept(tokens.get((next + i) % tokens.size())).status()
                != AcceptStatus.COMPLETE) {
              throw new IllegalStateException("expected COMPLETE");
            }
            ctx.dispose();
          }
          long used = CPU.getCurrentThreadCpuTime() - c0;
          if (round >= WARMUP_ROUNDS) {
            accepts[m] += slice;
            cpu[m] += used;
          }
        }
      }
      next = (next + slice) % tokens.size();
    }
    System.out.printf(Locale.ROOT, "Interleaved in one JVM, thread CPU time: %d rounds x %d"
        + " accepts per mode (after %d warm-up rounds)%n", rounds, slice, WARMUP_ROUNDS);
    double base = cpu[0] / 1000.0 / accepts[0];
    for (int m = 0; m < MODES.length; m++) {
      double us = cpu[m] / 1000.0 / accepts[m];
      System.out.printf(Locale.ROOT, "observe=%-8s %8.2f CPU µs/accept  %+6.1f%% CPU  %+6.1f%%"
          + " accepts per CPU-second%n", MODES[m], us, 100 * (us / base - 1),
          100 * (base / us - 1));
    }
  }
}
