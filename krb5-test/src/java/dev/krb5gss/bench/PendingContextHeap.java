package dev.krb5gss.bench;

import dev.krb5gss.context.AcceptStatus;
import dev.krb5gss.context.Acceptor;
import dev.krb5gss.context.PendingContextStore;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.crypto.SecretBytes;
import dev.krb5gss.gss.MechOids;
import dev.krb5gss.keytab.ServiceKey;
import dev.krb5gss.keytab.ServiceKeyTable;
import dev.krb5gss.name.PrincipalName;
import dev.krb5gss.spnego.NegTokenInit;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;

/**
 * Heap retained per pending negotiation in a {@link PendingContextStore}: N contexts each left
 * waiting after a first SPNEGO leg (NTLM listed first, so the acceptor asked for Kerberos and
 * keeps the client's mechanism list for the mechListMIC), measured as the used-heap difference
 * after full GCs; once with small integer keys (one client key each), once with the keys the web
 * adapters use ({@code "connection:N"}, client addresses 10.x.y.z, one each); and what N rejected
 * first legs leave behind (nothing: a slot is taken only when a leg asks for another). A plain
 * program, not a test:
 *
 * <pre>java -cp target/classes:target/test-classes:DEPS dev.krb5gss.bench.PendingContextHeap [N]</pre>
 */
public final class PendingContextHeap {
  private PendingContextHeap() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    ServiceKeyTable keys = ServiceKeyTable.of(List.of(new ServiceKey(
        PrincipalName.parse("HTTP/bench@BENCH", ""), 1, EncType.AES256_CTS_HMAC_SHA1_96,
        SecretBytes.copyOf(key))));
    byte[] offer = NegTokenInit.encode(List.of(MechOids.NTLM, MechOids.KRB5),
        "NTLMSSP\0\1\0\0\0\7\202\10\242".getBytes(StandardCharsets.ISO_8859_1), null);

    report("AWAITING_NEXT_LEG (after an NTLM-first SPNEGO leg), integer keys", n, keys, offer,
        false);
    report("AWAITING_NEXT_LEG, web keys (connection:N, one client address each)", n, keys, offer,
        true);
    report("rejected first legs ('Negotiate AAAA')", n, keys, new byte[3], true);
  }

  private static void report(String what, int n, ServiceKeyTable keys, byte[] firstLeg,
      boolean webKeys) throws Exception {
    Acceptor acceptor = Acceptor.builder().keys(keys).maxPending(n).maxPendingPerKey(1).build();
    PendingContextStore store = acceptor.pendingContexts();
    long before = usedAfterGc();
    for (int i = 0; i < n; i++) {
      var ctx = webKeys
          ? store.begin("connection:" + i, "10." + (i >> 16) + "." + (i >> 8 & 255) + "." + (i & 255))
          : store.begin(i);
      try {
        if (ctx.accept(firstLeg).status() != AcceptStatus.CONTINUE_NEEDED) {
          throw new IllegalStateException("expected CONTINUE_NEEDED");
        }
      } catch (dev.krb5gss.error.RejectedException e) {
        // a rejected first leg: the store must keep nothing of it
      }
    }
    long after = usedAfterGc();
    System.out.printf("%s: %d contexts, %.0f bytes each (%s)%n", what, store.pendingCount(),
        (after - before) / (double) n, store);
  }

  private static long usedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
