package dev.krb5gss.fuzz;

import static dev.krb5gss.fuzz.FuzzSupport.check;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.krb5gss.delegation.DelegatedTicket;
import dev.krb5gss.delegation.KrbCredDecoder;
import dev.krb5gss.der.DerWriter;
import dev.krb5gss.error.RejectedException;
import java.util.List;
import javax.security.auth.kerberos.KerberosPrincipal;

/**
 * The delegated credential (RFC 4120 §5.8 KRB-CRED, carried in the RFC 4121 §4.1.1 Deleg field
 * of an authenticated AP-REQ) through {@link KrbCredDecoder}, then into the JDK's
 * {@code KerberosTicket} as {@code spi.DelegatedCredentials} does:
 * <ul>
 *   <li>{@link #krbCred}: the whole KRB-CRED as the fuzzer writes it (the etype-0 form carries
 *       its EncKrbCredPart in clear, so no key is needed to reach the inner decoder);</li>
 *   <li>{@link #encKrbCredPart}: structure-aware, the fuzzed EncKrbCredPart sealed under the
 *       session key with key usage 14.</li>
 * </ul>
 *
 * <p>Invariants: only {@link RejectedException}, plus the {@code IllegalArgumentException} of
 * the JDK's {@code KerberosTicket}/{@code KerberosPrincipal} constructors, which the caller turns
 * into MALFORMED_TOKEN; allocation bounded by the input. Kerby 2.1.0 has no KRB-CRED type, so
 * there is no independent decoder to agree with.
 */
class KrbCredFuzzTest {
  static {
    Warmup.run(() -> new KrbCredFuzzTest().krbCred(validKrbCred()));
  }

  static byte[] validKrbCred() {
    return KerberosFixture.FORGE.krbCred(KerberosFixture.FORGE.forwardedTgt(
        KerberosFixture.TICKET), KerberosFixture.KIT_SESSION_KEY);
  }

  @FuzzTest
  void krbCred(byte[] cred) throws Exception {
    decode(cred, cred.length);
  }

  @FuzzTest
  void encKrbCredPart(byte[] plain) throws Exception {
    byte[] cipher = KerberosFixture.PROFILE.encrypt(KerberosFixture.SESSION_KEY,
        KerberosFixture.USAGE_KRB_CRED, plain, 0, plain.length);
    byte[] cred = DerWriter.application(22,
        DerWriter.explicit(0, DerWriter.integer(5)),
        DerWriter.explicit(1, DerWriter.integer(22)),
        DerWriter.explicit(2, DerWriter.sequence(KerberosFixture.TICKET.encoded())),
        DerWriter.explicit(3, KerberosFixture.encryptedData(KerberosFixture.AES256, null,
            cipher)));
    decode(cred, plain.length);
  }

  private static void decode(byte[] cred, int fuzzedLength) throws Exception {
    try {
      FuzzSupport.allocationBound(fuzzedLength, 48, 512 * 1024, () -> {
        DelegatedTicket t = KrbCredDecoder.decode(cred, List.of(KerberosFixture.SESSION_KEY));
        check(t.client() != null && t.server() != null && t.endTime() != null,
            "a delegated ticket without client, server or end time");
        try {
          new KerberosPrincipal(t.client().toString());
          t.toKerberosTicket().destroy();
        } catch (IllegalArgumentException e) {
          // DelegatedCredentials turns this into MALFORMED_TOKEN
        } finally {
          t.destroy();
        }
      });
    } catch (RejectedException e) {
      // rejected: fine
    }
  }
}
