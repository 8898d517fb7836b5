package dev.krb5gss.fuzz;

import static dev.krb5gss.fuzz.FuzzSupport.check;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.krb5gss.ap.InitialContextToken;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.gss.GssFraming;
import java.util.Arrays;

/**
 * The RFC 2743 §3.1 initial-token framing ({@link GssFraming}) and the RFC 4121 §4.1 Kerberos
 * token around it ({@link InitialContextToken}), both reached by any unauthenticated client.
 *
 * <p>Invariants: only {@link RejectedException}; allocation bounded by the token size; what we
 * accept re-encodes to exactly the input (DER has one encoding, so a parser that accepts two
 * encodings of one value is lenient somewhere).
 */
class GssFramingFuzzTest {
  static {
    Warmup.run(() -> new GssFramingFuzzTest().gssFraming(KerberosFixture.AP_REQ.gssToken()));
    Warmup.run(() -> new GssFramingFuzzTest().initialContextToken(
        KerberosFixture.AP_REQ.gssToken()));
  }

  @FuzzTest
  void gssFraming(byte[] token) throws Exception {
    try {
      FuzzSupport.allocationBound(token.length, 4, 16 * 1024, () -> {
        GssFraming f = GssFraming.parse(token);
        check(f.innerOffset() > 0 && f.innerOffset() <= token.length,
            "inner offset " + f.innerOffset() + " outside a token of " + token.length);
        byte[] again = GssFraming.frame(f.mech(), f.inner());
        check(Arrays.equals(again, token), "accepted framing does not re-encode to the input");
      });
    } catch (RejectedException e) {
      // rejected: fine
    }
  }

  @FuzzTest
  void initialContextToken(byte[] token) throws Exception {
    try {
      FuzzSupport.allocationBound(token.length, 4, 16 * 1024, () -> {
        InitialContextToken t = InitialContextToken.parse(token, 64 * 1024);
        byte[] body = t.body();
        check(body.length < token.length, "a body of " + body.length + " bytes from a token of "
            + token.length);
        if (GssFraming.looksFramed(token)) {
          byte[] again = InitialContextToken.frame(t.mechOid(), t.tokId(), body);
          check(Arrays.equals(again, token), "accepted token does not re-encode to the input");
        }
      });
    } catch (RejectedException e) {
      // rejected: fine
    }
  }
}
