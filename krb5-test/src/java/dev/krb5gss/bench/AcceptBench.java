package dev.krb5gss.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Accepts every initial token (RFC 4121 section 4.1 AP-REQs, or RFC 4178 NegTokenInits) of an
 * MIT-made token file, replay cache on.
 *
 * <p>One iteration is one pass over the whole file, shared out token by token among the
 * threads, with a freshly opened acceptor whose replay cache is empty: a token passes a replay
 * cache once, so a time-bounded throughput loop would run out of tokens or replay them.
 * Hence single-shot mode, one operation = one thread's share of a pass; the run script turns
 * the mean time per operation into accepts per second. Every accept must establish the context; after
 * each pass the first token is offered again and must be refused as a replay.
 *
 * <p>On a shared machine wall time also counts other processes; the process CPU time of each
 * measured pass (all JVM threads, GC and JIT included) goes to {@code cpuFile} for a figure
 * that hardly depends on background load.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(1)
@State(Scope.Benchmark)
public class AcceptBench {

    /** jdk, ours-gss or ours-acceptor (see {@link BenchAcceptors}). */
    @Param("jdk")
    public String acceptor;

    /** Token file from tokgen (4-byte big-endian length + token, repeated). */
    @Param("")
    public String tokenFile;

    @Param("")
    public String keytab;

    /** Service principal, e.g. HTTP/localhost@BENCH.TEST. */
    @Param("")
    public String principal;

    /** When set, every measured pass appends the process CPU nanoseconds it took to this file. */
    @Param("")
    public String cpuFile;

    /** off, metrics or jfr: what observes the accepts ({@link BenchObservation}), for overhead. */
    @Param("off")
    public String observe;

    private BenchObservation observation;

    private List<byte[]> tokens;
    private BenchAcceptor.Factory factory;
    private BenchService service;
    private volatile BenchAcceptor current;
    private boolean measured;
    private long cpuAtStart;

    @Setup(Level.Trial)
    public void loadTokens() throws Exception {
        tokens = TokenFile.read(Path.of(tokenFile));
        factory = BenchAcceptors.factory(acceptor);
        service = new BenchService(principal, Path.of(keytab));
        observation = BenchObservation.start(observe);
    }

    @TearDown(Level.Trial)
    public void stopObserving() {
        observation.close();
    }

    @Setup(Level.Iteration)
    public void openFreshAcceptor(IterationParams iteration) throws Exception {
        current = factory.open(service);
        measured = iteration.getType() == IterationType.MEASUREMENT;
        cpuAtStart = ProcessCpu.nanos();
    }

    @TearDown(Level.Iteration)
    public void checkReplayRefusedAndClose() throws Exception {
        long cpu = ProcessCpu.nanos() - cpuAtStart;
        if (measured && !cpuFile.isEmpty()) {
            Files.writeString(Path.of(cpuFile), cpu + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        try {
            ReplayCheck.expectRefused(current, tokens.get(0), acceptor);
        } finally {
            current.close();
        }
    }

    /**
     * The tokens one benchmark thread accepts per pass: every threads-th token from its index
     * on, so all threads move through the file's time order together, as requests reach a
     * server. (Contiguous slices would hand a replay cache ordered by time, such as the JDK's,
     * a worst case no server sees: one thread always inserting far behind the other.)
     */
    @State(Scope.Thread)
    public static class Slice {

        int first;
        int stride;

        @Setup(Level.Trial)
        public void bounds(ThreadParams thread) {
            first = thread.getThreadIndex();
            stride = thread.getThreadCount();
        }
    }

    @Benchmark
    public void acceptSlice(Slice slice, Blackhole blackhole) throws Exception {
        BenchAcceptor pass = current;
        for (int i = slice.first; i < tokens.size(); i += slice.stride) {
            BenchContext context = pass.newContext();
            try {
                blackhole.consume(context.accept(tokens.get(i)));
            } catch (Exception e) {
                throw new IllegalStateException(acceptor + " refused token " + i + " of " + tokenFile
                        + " (a replay here means open() did not empty the replay cache)", e);
            }
            context.dispose();
        }
    }
}
