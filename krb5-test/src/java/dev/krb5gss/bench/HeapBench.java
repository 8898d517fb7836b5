package dev.krb5gss.bench;

import dev.krb5gss.context.AcceptStatus;
import dev.krb5gss.context.Acceptor;
import dev.krb5gss.context.PendingContextStore;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.crypto.SecretBytes;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.gss.MechOids;
import dev.krb5gss.keytab.ServiceKey;
import dev.krb5gss.keytab.ServiceKeyTable;
import dev.krb5gss.name.PrincipalName;
import dev.krb5gss.spnego.NegTokenInit;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * The heap benchmark: bytes retained per context and per replay-cache entry, from used heap after
 * full GCs (MemoryMXBean). Two modes, each printing its own lines.
 *
 * <p><b>Acceptor mode</b> ({@code HeapBench acceptor token-file keytab principal K}, one HEAP
 * line; {@code krb5-test/bench/run.sh} runs it per acceptor): heap per pending context, per
 * established context and per replay-cache entry (RFC 4120 section 3.2.3) of one acceptor:
 * <ol>
 *   <li>K contexts created, no token yet: (used - baseline) / K = per pending context;</li>
 *   <li>K contexts each accepting one token, all kept: the difference to step 4 / K = per
 *       established context;</li>
 *   <li>contexts disposed and dropped, the acceptor (and its replay cache) kept;</li>
 *   <li>the acceptor closed and a fresh one opened: (step 3 - step 4) / K = per replay-cache
 *       entry.</li>
 * </ol>
 *
 * <p><b>Pending mode</b> ({@code HeapBench pending [N]}, no KDC; three lines): heap retained per
 * pending negotiation in a {@link PendingContextStore}: N contexts each left waiting after a first
 * SPNEGO leg (NTLM listed first, so the acceptor asked for Kerberos and keeps the client's
 * mechanism list for the mechListMIC); once with small integer keys (one client key each), once
 * with the keys the web adapters use ({@code "connection:N"}, client addresses 10.x.y.z, one
 * each); and what N rejected first legs leave behind (nothing: a slot is taken only when a leg
 * asks for another).
 */
public final class HeapBench {

    /** Tokens from the end of the file spent warming the accept path up, never measured. */
    private static final int WARM_UP_TOKENS = 200;

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    /** First argument selecting the pending-store mode. */
    private static final String PENDING = "pending";

    private HeapBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 1 && args.length <= 2 && args[0].equals(PENDING)) {
            pendingContexts(args.length > 1 ? Integer.parseInt(args[1]) : 100_000);
            return;
        }
        if (args.length != 5) {
            System.err.println("usage: HeapBench acceptor token-file keytab principal K\n"
                    + "       HeapBench " + PENDING + " [N]");
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

    /** Pending mode: the three pending-store lines for N negotiations each. */
    private static void pendingContexts(int n) throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        ServiceKeyTable keys = ServiceKeyTable.of(List.of(new ServiceKey(
                PrincipalName.parse("HTTP/bench@BENCH", ""), 1, EncType.AES256_CTS_HMAC_SHA1_96,
                SecretBytes.copyOf(key))));
        byte[] offer = NegTokenInit.encode(List.of(MechOids.NTLM, MechOids.KRB5),
                "NTLMSSP\0\1\0\0\0\7\202\10\242".getBytes(StandardCharsets.ISO_8859_1), null);
        pending("AWAITING_NEXT_LEG (after an NTLM-first SPNEGO leg), integer keys", n, keys, offer,
                false);
        pending("AWAITING_NEXT_LEG, web keys (connection:N, one client address each)", n, keys,
                offer, true);
        pending("rejected first legs ('Negotiate AAAA')", n, keys, new byte[3], true);
    }

    private static void pending(String what, int n, ServiceKeyTable keys, byte[] firstLeg,
            boolean webKeys) throws Exception {
        Acceptor acceptor = Acceptor.builder().keys(keys).maxPending(n).maxPendingPerKey(1).build();
        PendingContextStore store = acceptor.pendingContexts();
        long before = usedAfterGc();
        for (int i = 0; i < n; i++) {
            var ctx = webKeys
                    ? store.begin("connection:" + i,
                            "10." + (i >> 16) + "." + (i >> 8 & 255) + "." + (i & 255))
                    : store.begin(i);
            try {
                if (ctx.accept(firstLeg).status() != AcceptStatus.CONTINUE_NEEDED) {
                    throw new IllegalStateException("expected CONTINUE_NEEDED");
                }
            } catch (RejectedException e) {
                // a rejected first leg: the store must keep nothing of it
            }
        }
        long after = usedAfterGc();
        System.out.printf("%s: %d contexts, %.0f bytes each (%s)%n", what, store.pendingCount(),
                (after - before) / (double) n, store);
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
