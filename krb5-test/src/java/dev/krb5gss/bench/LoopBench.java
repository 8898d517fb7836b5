package dev.krb5gss.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The plain loop a server runs, without JMH: over one token file, for each token a fresh context
 * ({@code GSSManager.createContext(cred)}), {@code acceptSecContext}, {@code getSrcName().toString()}
 * and {@code dispose()} (RFC 2743 sections 2.2.2, 2.2.6, 2.4.4, 2.2.3), replay cache on and empty
 * at the start. The first {@code warm} tokens are accepted by the accepting threads, shared out as
 * the timed part is and in the same loop, before the clock starts
 * (a server's first seconds, as the JIT sees them); with {@code settle=MS} the clock starts only
 * once the JIT has been idle for MS milliseconds after the warm-up (a settled JVM); the rest are timed, shared out token by token
 * over {@code threads} threads (thread k takes the k-th, k+T-th... of them, so together they move
 * through the file in time order). A JVM runs one such loop and exits: each row is its own
 * process, as MIT's {@code mitaccept} is.
 *
 * <pre>
 * java ... dev.krb5gss.bench.LoopBench ACCEPTOR PRINCIPAL KEYTAB TOKEN_FILE [warm=N] [threads=T] [slice=S]
 *     [settle=MS]
 * </pre>
 *
 * <p>Prints one line {@code RESULT impl=... threads=T tokens=N seconds=S cpu_seconds=C
 * accepts_per_s=X us_per_accept=Y cpu_us_per_accept=Z alloc_bytes_per_accept=A}, the same keys as
 * {@code mitaccept} plus the bytes the accepting threads allocated per accept, their own CPU
 * time per accept (ThreadMXBean: what other processes cannot inflate) and the process's minor page
 * faults per accept in the timed part ({@code NaN} off Linux: first touches of heap pages, which
 * the kernel zeroes), and,
 * with one thread, a {@code SLICES} line: accepts per second over each consecutive slice of
 * {@code S} measured tokens (default 5,000), which shows how the rate climbs as the JIT compiles.
 * Every accept must establish the context; afterwards the first token is offered again on a new
 * context and must be refused (the replay cache was on).
 */
public final class LoopBench {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private LoopBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: LoopBench ACCEPTOR PRINCIPAL KEYTAB TOKEN_FILE"
                    + " [warm=N] [threads=T] [slice=S] [settle=MS]");
            System.exit(2);
        }
        String acceptorName = args[0];
        BenchService service = new BenchService(args[1], Path.of(args[2]));
        List<byte[]> tokens = TokenFile.read(Path.of(args[3]));
        // The token file is the harness's data (tens of MB a server never holds): settle it in
        // the old generation now, before the warm-up, so the young collections inside the timed
        // part copy what the acceptor allocates, not the benchmark's tokens. Same for every JVM
        // row; MIT's harness has no collector to pay.
        System.gc();
        int warm = 0;
        int threads = 1;
        int slice = 5_000;
        int settleMillis = 0;
        for (int i = 4; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            int value = Integer.parseInt(kv[1]);
            switch (kv[0]) {
                case "warm" -> warm = value;
                case "threads" -> threads = value;
                case "slice" -> slice = value;
                case "settle" -> settleMillis = value;
                default -> throw new IllegalArgumentException(
                        "expected warm=, threads=, slice= or settle=, got " + args[i]);
            }
        }
        if (warm < 0 || threads < 1 || slice < 1 || tokens.size() < warm + threads) {
            throw new IllegalArgumentException("expected 0 <= warm, 1 <= threads and tokens >= warm + threads,"
                    + " got warm=" + warm + " threads=" + threads + " tokens=" + tokens.size());
        }

        BenchAcceptor acceptor = BenchAcceptors.factory(acceptorName).open(service);
        int measured = tokens.size() - warm;
        long[] sliceEnds = new long[threads == 1 ? (measured + slice - 1) / slice : 0];
        Worker[] workers = new Worker[threads];
        // The clocks start when every thread is at the line (the warm-up done), in the barrier action.
        long[] startedAt = new long[3];
        CyclicBarrier start = new CyclicBarrier(threads + 1, () -> {
            startedAt[0] = ProcessCpu.nanos();
            startedAt[2] = ProcessCpu.minorFaults();
            startedAt[1] = System.nanoTime();
        });
        for (int k = 0; k < threads; k++) {
            // Every worker warms up through the same loop and call sites the timed part uses, on
            // its share of the warm-up tokens (k, k+T, ...): warming up on another thread's loop
            // left the timed loop to be compiled inside the timed part, and a worker that first
            // accepted after the clock started took paths no warm-up had (its thread-locals'
            // first use), which deoptimized the compiled accept path and recompiled it, on the
            // second core, inside the timed part. A server's pool threads all serve in its first
            // seconds.
            workers[k] = new Worker(acceptor, tokens, warm + k, threads, start, sliceEnds, slice,
                    k, warm);
            workers[k].thread.start();
        }
        try {
            start.await(); // the warm-up done
            if (settleMillis > 0) {
                settle(settleMillis);
            }
            start.await();
        } catch (java.util.concurrent.BrokenBarrierException broken) {
            // A worker failed before the clock started (a refused token: e.g. a file older than
            // the clock skew allows): report its failure instead of waiting for it forever.
            for (Worker w : workers) {
                w.thread.join();
                if (w.failure.get() != null && !(w.failure.get() instanceof java.util.concurrent.BrokenBarrierException)) {
                    throw new IllegalStateException("an accept failed on thread " + w.thread.getName()
                            + " before the clock started", w.failure.get());
                }
            }
            throw broken;
        }
        long cpuStart = startedAt[0];
        long wallStart = startedAt[1];
        for (Worker w : workers) {
            w.thread.join();
        }
        long wall = System.nanoTime() - wallStart;
        long cpu = ProcessCpu.nanos() - cpuStart;
        long faults = startedAt[2] < 0 ? -1 : ProcessCpu.minorFaults() - startedAt[2];
        long allocated = 0;
        long threadCpu = 0;
        for (Worker w : workers) {
            if (w.failure.get() != null) {
                throw new IllegalStateException("an accept failed on thread " + w.thread.getName(),
                        w.failure.get());
            }
            allocated += w.allocated;
            threadCpu += w.cpu;
        }
        checkReplayRefused(acceptor, tokens.get(0));
        acceptor.close();

        double seconds = wall / 1e9;
        System.out.printf(Locale.ROOT, "RESULT impl=%s threads=%d tokens=%d seconds=%.6f cpu_seconds=%.6f"
                        + " accepts_per_s=%.1f us_per_accept=%.3f cpu_us_per_accept=%.3f"
                        + " alloc_bytes_per_accept=%.0f thread_cpu_us_per_accept=%.3f"
                        + " minor_faults_per_accept=%.3f%n",
                acceptorName, threads, measured, seconds, cpu / 1e9, measured / seconds,
                1e6 * seconds * threads / measured, cpu / 1e3 / measured, (double) allocated / measured,
                threadCpu / 1e3 / measured, faults < 0 ? Double.NaN : (double) faults / measured);
        if (sliceEnds.length > 0) {
            // Slice rates, and when each slice ended in ms of JVM uptime (to line up with -Xlog:jit,gc).
            StringBuilder rates = new StringBuilder("SLICES size=").append(slice).append(" rates=");
            StringBuilder ends = new StringBuilder(" uptime_ms=");
            long previous = wallStart;
            long uptimeAtStart = ManagementFactory.getRuntimeMXBean().getUptime() - (System.nanoTime() - wallStart) / 1_000_000;
            for (int i = 0; i < sliceEnds.length; i++) {
                int count = Math.min(slice, measured - i * slice);
                String sep = i == 0 ? "" : ",";
                rates.append(sep).append(Math.round(count / ((sliceEnds[i] - previous) / 1e9)));
                ends.append(sep).append(uptimeAtStart + (sliceEnds[i] - wallStart) / 1_000_000);
                previous = sliceEnds[i];
            }
            System.out.println(rates.append(ends));
        }
    }

    /**
     * Waits until the JIT has compiled nothing for {@code quietMillis} (at most 60 s): a settled
     * JVM, as a server is after its first minutes. The warm-up leaves methods queued for C2, and on
     * a 2-core machine a C2 thread compiling inside the timed part takes a core from the
     * accepting threads.
     */
    private static void settle(int quietMillis) throws InterruptedException {
        java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long began = System.nanoTime();
        long quietSince = began;
        long last = jit.getTotalCompilationTime();
        while (System.nanoTime() - quietSince < quietMillis * 1_000_000L
                && System.nanoTime() - began < 60_000_000_000L) {
            Thread.sleep(20);
            long now = jit.getTotalCompilationTime();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            }
        }
        System.out.printf(Locale.ROOT, "SETTLED waited_ms=%d quiet_ms=%d jit_ms=%d%n",
                (System.nanoTime() - began) / 1_000_000, (System.nanoTime() - quietSince) / 1_000_000, last);
    }

    private static void acceptOne(BenchAcceptor acceptor, byte[] token) throws Exception {
        BenchContext context = acceptor.newContext();
        try {
            context.accept(token);
            if (context.sourceName().isEmpty()) {
                throw new IllegalStateException("expected the initiator's name, got an empty string");
            }
        } finally {
            context.dispose();
        }
    }

    private static void checkReplayRefused(BenchAcceptor acceptor, byte[] first) throws Exception {
        try {
            acceptOne(acceptor, first);
        } catch (Exception refused) {
            return;
        }
        throw new IllegalStateException("the first token was accepted twice: is the replay cache off?");
    }

    /** One accepting thread over its share of the measured tokens. */
    private static final class Worker implements Runnable {
        final Thread thread;
        final AtomicReference<Exception> failure = new AtomicReference<>();
        private final BenchAcceptor acceptor;
        private final List<byte[]> tokens;
        private final int first;
        private final int stride;
        private final CyclicBarrier start;
        private final long[] sliceEnds;
        private final int slice;
        long allocated;
        long cpu;

        private final int warmFirst;
        private final int warm;

        Worker(BenchAcceptor acceptor, List<byte[]> tokens, int first, int stride, CyclicBarrier start,
                long[] sliceEnds, int slice, int warmFirst, int warm) {
            this.warmFirst = warmFirst;
            this.warm = warm;
            this.acceptor = acceptor;
            this.tokens = new ArrayList<>(tokens);
            this.first = first;
            this.stride = stride;
            this.start = start;
            this.sliceEnds = sliceEnds;
            this.slice = slice;
            this.thread = new Thread(this, "accept-" + first);
        }

        @Override
        public void run() {
            try {
                accept(warmFirst, warm, stride, null);
                start.await(); // the warm-up done
                start.await(); // the JIT settled, when asked
                long id = Thread.currentThread().getId();
                long allocatedAtStart = THREADS.getThreadAllocatedBytes(id);
                long cpuAtStart = THREADS.getCurrentThreadCpuTime();
                accept(first, tokens.size(), stride, sliceEnds.length > 0 ? sliceEnds : null);
                allocated = THREADS.getThreadAllocatedBytes(id) - allocatedAtStart;
                cpu = THREADS.getCurrentThreadCpuTime() - cpuAtStart;
            } catch (Exception e) {
                failure.set(e);
                start.reset(); // the others and main stop waiting (BrokenBarrierException)
            }
        }

        /** Tokens {@code from, from + stride, ...} below {@code to}; slice ends noted when asked. */
        private void accept(int from, int to, int stride, long[] ends) throws Exception {
            int done = 0;
            for (int i = from; i < to; i += stride) {
                acceptOne(acceptor, tokens.get(i));
                if (ends != null && ++done % slice == 0) {
                    ends[done / slice - 1] = System.nanoTime();
                }
            }
            if (ends != null && done % slice != 0) {
                ends[ends.length - 1] = System.nanoTime();
            }
        }
    }
}
