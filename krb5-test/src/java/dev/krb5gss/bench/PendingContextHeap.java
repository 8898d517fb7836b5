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
 * after full GCs. A plain program, not a test:
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

    report("NEW (begun, no leg yet)", n, keys, null);
    report("AWAITING_NEXT_LEG (after an NTLM-first SPNEGO leg)", n, keys, offer);
  }

  private static void report(String what, int n, ServiceKeyTable keys, byte[] firstLeg)
      throws Exception {
    Acceptor acceptor = Acceptor.builder().keys(keys).maxPending(n).maxPendingPerKey(1).build();
    PendingContextStore store = acceptor.pendingContexts();
    long before = usedAfterGc();
    for (int i = 0; i < n; i++) {
      var ctx = store.begin(i);
      if (firstLeg != null && ctx.accept(firstLeg).status() != AcceptStatus.CONTINUE_NEEDED) {
        throw new IllegalStateException("expected CONTINUE_NEEDED");
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
