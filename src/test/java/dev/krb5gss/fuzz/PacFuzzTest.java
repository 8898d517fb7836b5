package dev.krb5gss.fuzz;

import static dev.krb5gss.fuzz.FuzzSupport.check;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.krb5gss.der.DerWriter;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.name.PrincipalName;
import dev.krb5gss.pac.Pac;
import dev.krb5gss.pac.PacVerifier;
import dev.krb5gss.testkit.ForgedPacBuilder;
import java.util.Optional;

/**
 * The PAC (MS-PAC §2) in a ticket's authorization data, through {@link PacVerifier} with the
 * fixture's service key, client and authtime:
 * <ul>
 *   <li>{@link #authorizationData}: the EncTicketPart's authorization-data as the fuzzer writes
 *       it (AD-IF-RELEVANT nesting, RFC 4120 §5.2.6.1, then PACTYPE and the signature check);</li>
 *   <li>{@link #signedPac}: structure-aware — the fuzzed PAC is re-signed with the service key
 *       (MS-PAC §2.8, by the test kit's {@code ForgedPacBuilder.resign}, Kerby's checksum code)
 *       before it goes in, so inputs get past the server signature into PAC_CLIENT_INFO,
 *       KERB_VALIDATION_INFO (NDR) and UPN_DNS_INFO. A PAC whose layout the signer cannot
 *       follow goes in unsigned.</li>
 * </ul>
 *
 * <p>Invariants: only {@link RejectedException}; allocation bounded by the PAC; a verified PAC
 * has at most one group SID per 12 bytes of input (a SID takes at least 12) and names the
 * ticket's client. No independent PAC decoder exists in the test dependencies (Kerby has none).
 */
class PacFuzzTest {
  private static final PrincipalName CLIENT = PrincipalName.parse(KerberosFixture.CLIENT, "");
  private static final java.time.Instant AUTH_TIME =
      KerberosFixture.NOW.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

  static byte[] validPac() {
    return ForgedPacBuilder.forClient("alice", AUTH_TIME)
        .domainSid("S-1-5-21-1004336348-1177238915-682003330").userRid(1104).groupRids(513, 1105)
        .upnDnsInfo("alice@fuzz.test", "FUZZ.TEST").build(KerberosFixture.KIT_SERVICE_KEY);
  }

  static {
    Warmup.run(() -> new PacFuzzTest().signedPac(validPac()));
  }

  @FuzzTest
  void authorizationData(byte[] authz) throws Exception {
    verify(authz, authz.length);
  }

  @FuzzTest
  void signedPac(byte[] pac) throws Exception {
    byte[] signed;
    try {
      signed = ForgedPacBuilder.resign(pac, KerberosFixture.KIT_SERVICE_KEY);
    } catch (RuntimeException e) {
      signed = pac; // the test kit's signer cannot follow this layout: feed it unsigned
    }
    verify(withPac(signed), pac.length);
  }

  /** An EncTicketPart's authorization-data: AD-IF-RELEVANT holding AD-WIN2K-PAC {@code pac}. */
  static byte[] withPac(byte[] pac) {
    return DerWriter.sequence(DerWriter.sequence(
        DerWriter.explicit(0, DerWriter.integer(1)),
        DerWriter.explicit(1, DerWriter.octetString(ForgedPacBuilder.ifRelevant(pac)))));
  }

  private static void verify(byte[] authz, int fuzzedLength) throws Exception {
    try {
      FuzzSupport.allocationBound(fuzzedLength, 32, 256 * 1024, () -> {
        Optional<Pac> pac = PacVerifier.verify(authz, CLIENT, AUTH_TIME,
            KerberosFixture.SERVICE_KEY);
        if (pac.isPresent()) {
          check(pac.get().groupSids().size() <= authz.length / 12, pac.get().groupSids().size()
              + " group SIDs from " + authz.length + " bytes");
          check(pac.get().clientName() != null, "a verified PAC without a client name");
        }
      });
    } catch (RejectedException e) {
      // rejected: fine
    }
  }
}
