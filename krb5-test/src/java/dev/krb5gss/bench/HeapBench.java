package dev.krb5gss.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Heap per pending context, per established context and per replay-cache entry (RFC 4120
 * section 3.2.3) of one acceptor, from used heap after full GCs (MemoryMXBean):
 * <ol>
 *   <li>K contexts created, no token yet: (used - baseline) / K = per pending context;</li>
 *   <li>K contexts each accepting one token, all kept: the difference to step 4 / K = per
 *       established context;</li>
 *   <li>contexts disposed and dropped, the acceptor (and its replay cache) kept;</li>
 *   <li>the acceptor closed and a fresh one opened: (step 3 - step 4) / K = per replay-cache
 *       entry.</li>
 * </ol>
 * Usage: {@code HeapBench acceptor token-file keytab principal K}. Prints one HEAP line.
 */
public final class HeapBench {

    /** Tokens from the end of the file spent warming the accept path up, never measured. */
    private static final int WARM_UP_TOKENS = 200;

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private HeapBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: HeapBench acceptor token-file keytab principal K");
            System.exit(2);
        }
        String name = args[0];
        List<byte[]> tokens = TokenFile.read(Path.of(args[1]));
        BenchService service = new BenchService(args[3], Path.of(args[2]));
        int k = Math.min(Integer.parseInt(args[4]), tokens.size() - WARM_UP_TOKENS);
        if (k <= 0) {
            throw new IllegalArgumentException("expected more than " + WARM_UP_TOKENS
                    + " tokens in " + args[1] + ", got " + tokens.size());
        }
        BenchAcceptor.Factory factory = BenchAcceptors.factory(name);

        BenchAcceptor acceptor = factory.open(service);
        warmUp(acceptor, tokens.subList(tokens.size() - WARM_UP_TOKENS, tokens.size()));
        acceptor.close();
        acceptor = factory.open(service);

        long baseline = usedAfterGc();
        List<BenchContext> contexts = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            contexts.add(acceptor.newContext());
        }
        long pending = usedAfterGc() - baseline;
        for (int i = 0; i < k; i++) {
            contexts.get(i).accept(tokens.get(i));
        }
        long withContexts = usedAfterGc();
        for (BenchContext context : contexts) {
            context.dispose();
        }
        contexts = null;
        long withReplayCache = usedAfterGc();
        acceptor.close();
        acceptor = factory.open(service);
        long fresh = usedAfterGc();
        acceptor.close();

        System.out.printf("HEAP acceptor=%s contexts=%d pending_bytes=%d established_bytes=%d"
                        + " rcache_entry_bytes=%d%n", name, k, pending / k,
                (withContexts - withReplayCache) / k, (withReplayCache - fresh) / k);
    }

    /** Runs the accept path a little so lazily loaded classes and caches are not counted. */
    private static void warmUp(BenchAcceptor acceptor, List<byte[]> tokens) throws Exception {
        for (byte[] token : tokens) {
            BenchContext context = acceptor.newContext();
            context.accept(token);
            context.dispose();
        }
    }

    /** Used heap once repeated full GCs stop freeing anything. */
    private static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int round = 0; round < 10; round++) {
            System.gc();
            long now = MEMORY.getHeapMemoryUsage().getUsed();
            if (now >= used) {
                return now;
            }
            used = now;
        }
        return used;
    }
}
