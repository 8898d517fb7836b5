package dev.krb5gss.fuzz;

import static dev.krb5gss.fuzz.FuzzSupport.check;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.krb5gss.ap.ApEstablished;
import dev.krb5gss.ap.InitialContextToken;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import java.util.EnumSet;
import java.util.Set;

/**
 * The AP-REQ's outer layers as an unauthenticated peer sends them (RFC 4121 §4.1 framing,
 * RFC 4120 §5.5.1 KRB_AP_REQ, §5.3 Ticket, §5.2.9 EncryptedData): the whole token goes to
 * {@code ApAcceptor.accept} with the fixture's key table and a fixed clock.
 *
 * <p>Invariants: only {@link RejectedException}; allocation bounded by the token size; the replay
 * cache stays empty on rejection; when our decoder got past the DER (the rejection came from a
 * later check), Kerby's {@code ApReq} decodes the same bytes.
 */
class ApRequestFuzzTest {
  /** Reasons given before or while decoding the AP-REQ's DER; any other means it decoded. */
  private static final Set<Reason> BEFORE_DECODING = EnumSet.of(Reason.MALFORMED_TOKEN,
      Reason.TOKEN_TOO_LARGE, Reason.NTLM_OFFERED, Reason.UNSUPPORTED_MECHANISM);

  static {
    Warmup.run(() -> new ApRequestFuzzTest().apRequest(KerberosFixture.AP_REQ.gssToken()));
  }

  @FuzzTest
  void apRequest(byte[] token) throws Exception {
    KerberosFixture.Acceptor[] acceptor = new KerberosFixture.Acceptor[1];
    ApEstablished[] out = new ApEstablished[1];
    try {
      FuzzSupport.allocationBound(token.length, 16, 512 * 1024, () -> {
        acceptor[0] = KerberosFixture.acceptor();
        out[0] = acceptor[0].ap().accept(token, null);
      });
    } catch (RejectedException e) {
      check(acceptor[0].cache().size() == 0, "a rejected AP-REQ (" + e.reason()
          + ") left an entry in the replay cache");
      if (!BEFORE_DECODING.contains(e.reason())) {
        KerbyOracle.apReqDecodes(InitialContextToken.parseApReq(token, token.length).body());
      }
      return;
    }
    check(acceptor[0].cache().size() == 1, "an accepted AP-REQ did not enter the replay cache");
    out[0].destroy();
  }
}
