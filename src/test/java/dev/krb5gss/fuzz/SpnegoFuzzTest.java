package dev.krb5gss.fuzz;

import static dev.krb5gss.fuzz.FuzzSupport.check;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.krb5gss.der.ObjectId;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.spnego.NegTokenInit;
import dev.krb5gss.spnego.NegTokenResp;
import java.util.Arrays;
import java.util.List;

/**
 * SPNEGO's two messages an unauthenticated initiator sends (RFC 4178 §4.2.1 NegTokenInit with
 * MS-SPNG §2.2.1 NegTokenInit2, §4.2.2 NegTokenResp).
 *
 * <p>Invariants: only {@link RejectedException}; allocation bounded by the token size; the
 * mechanism list is no longer than the token allows (an OID takes at least 3 bytes); an accepted
 * NegTokenResp re-encodes to exactly the input; an accepted NegTokenInit re-encodes (without the
 * fields we do not keep) to one that parses to the same values.
 */
class SpnegoFuzzTest {
  static {
    Warmup.run(() -> new SpnegoFuzzTest().negTokenInit(NegTokenInit.encode(
        List.of(dev.krb5gss.gss.MechOids.KRB5), KerberosFixture.AP_REQ.gssToken(), null)));
  }

  @FuzzTest
  void negTokenInit(byte[] token) throws Exception {
    try {
      FuzzSupport.allocationBound(token.length, 8, 32 * 1024, () -> {
        NegTokenInit init = NegTokenInit.parseInitial(token);
        List<ObjectId> mechs = init.mechTypes();
        check(!mechs.isEmpty() && mechs.size() <= token.length / 3,
            mechs.size() + " mechanisms from a token of " + token.length + " bytes");
        byte[] again = NegTokenInit.encode(mechs, init.mechToken().orElse(null),
            init.mechListMic().orElse(null));
        NegTokenInit reparsed = NegTokenInit.parseInitial(again);
        check(reparsed.mechTypes().equals(mechs)
            && Arrays.equals(reparsed.mechTypesDer(), init.mechTypesDer())
            && Arrays.equals(reparsed.mechToken().orElse(null), init.mechToken().orElse(null))
            && Arrays.equals(reparsed.mechListMic().orElse(null),
                init.mechListMic().orElse(null)),
            "an accepted NegTokenInit does not survive re-encoding");
      });
    } catch (RejectedException e) {
      // rejected: fine
    }
  }

  @FuzzTest
  void negTokenResp(byte[] token) throws Exception {
    try {
      FuzzSupport.allocationBound(token.length, 8, 16 * 1024, () -> {
        NegTokenResp resp = NegTokenResp.parse(token);
        check(Arrays.equals(resp.encode(), token),
            "an accepted NegTokenResp does not re-encode to the input");
      });
    } catch (RejectedException e) {
      // rejected: fine
    }
  }
}
