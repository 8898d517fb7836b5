package dev.krb5gss.fuzz;

import static dev.krb5gss.fuzz.FuzzSupport.check;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.krb5gss.ap.ApEstablished;
import dev.krb5gss.error.RejectedException;

/**
 * Structure-aware harnesses for what a peer controls only with a valid key (a KDC-issued ticket
 * or its session key): the fuzzer writes the plaintext, the harness seals it under the fixture's
 * real key with the right key usage (RFC 4120 §7.5.1) and puts it where an AP-REQ carries it, so
 * every input gets past the MAC and into the decoders behind it:
 * <ul>
 *   <li>{@link #encTicketPart}: the EncTicketPart (RFC 4120 §5.3) under the service key;</li>
 *   <li>{@link #authenticator}: the Authenticator (§5.5.1) under the ticket's session key;</li>
 *   <li>{@link #gssChecksum}: the value of the 0x8003 checksum (RFC 4121 §4.1.1) in an otherwise
 *       valid authenticator, delegation fields included.</li>
 * </ul>
 *
 * <p>Invariants: only {@link RejectedException}; allocation bounded by the plaintext size; the
 * replay cache stays empty on rejection and holds exactly one entry on acceptance; what we
 * accept, Kerby's {@code EncTicketPart}/{@code Authenticator} decode with the same fields.
 */
class EncryptedPartsFuzzTest {
  static {
    Warmup.run(() -> new EncryptedPartsFuzzTest().encTicketPart(
        KerberosFixture.validTicketPlaintext()));
    Warmup.run(() -> new EncryptedPartsFuzzTest().authenticator(
        KerberosFixture.validAuthenticatorPlaintext()));
  }

  @FuzzTest
  void encTicketPart(byte[] plain) throws Exception {
    ApEstablished est = accept(plain, KerberosFixture.tokenWithTicketPlaintext(plain));
    if (est != null) {
      KerbyOracle.sameTicket(plain, est);
      est.destroy();
    }
  }

  @FuzzTest
  void authenticator(byte[] plain) throws Exception {
    ApEstablished est = accept(plain, KerberosFixture.tokenWithAuthenticatorPlaintext(plain));
    if (est != null) {
      KerbyOracle.sameAuthenticator(plain, est);
      est.destroy();
    }
  }

  @FuzzTest
  void gssChecksum(byte[] value) throws Exception {
    byte[] plain = KerberosFixture.authenticatorWithGssChecksum(value);
    ApEstablished est = accept(value, KerberosFixture.tokenWithAuthenticatorPlaintext(plain));
    if (est != null) {
      byte[] deleg = est.delegatedCredential().orElse(null);
      check(deleg == null || deleg.length <= value.length - 28,
          "a delegation of " + (deleg == null ? 0 : deleg.length) + " bytes from a checksum of "
              + value.length);
      KerbyOracle.sameAuthenticator(plain, est);
      est.destroy();
    }
  }

  /** Accepts {@code token}; null when rejected (after checking nothing changed). */
  private static ApEstablished accept(byte[] fuzzed, byte[] token) throws Exception {
    KerberosFixture.Acceptor[] acceptor = new KerberosFixture.Acceptor[1];
    ApEstablished[] out = new ApEstablished[1];
    try {
      FuzzSupport.allocationBound(fuzzed.length, 32, 512 * 1024, () -> {
        acceptor[0] = KerberosFixture.acceptor();
        out[0] = acceptor[0].ap().accept(token, null);
      });
    } catch (RejectedException e) {
      check(acceptor[0].cache().size() == 0, "a rejected AP-REQ (" + e.reason()
          + ") left an entry in the replay cache");
      return null;
    }
    check(acceptor[0].cache().size() == 1, "an accepted AP-REQ did not enter the replay cache");
    return out[0];
  }
}
