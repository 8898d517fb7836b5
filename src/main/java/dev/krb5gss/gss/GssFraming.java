package dev.krb5gss.gss;

import dev.krb5gss.der.DerReader;
import dev.krb5gss.der.DerWriter;
import dev.krb5gss.der.ObjectId;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import java.util.Arrays;

/**
 * The mechanism-independent framing of an initial context token, RFC 2743 §3.1:
 * {@code [APPLICATION 0] IMPLICIT SEQUENCE { thisMech OID, innerContextToken ANY }}. The inner
 * token is opaque here (for Kerberos it is not DER: TOK_ID then the AP-REQ, RFC 4121 §4.1).
 */
public final class GssFraming {
  /**
   * The longest mechanism OID accepted, in DER bytes (tag and length included). Every mechanism
   * a peer may name (Kerberos, SPNEGO, NTLMSSP, NEGOEX) takes 8-12; a longer one cannot be one
   * we serve, and would only cost the server its parsing and quoting.
   */
  public static final int MAX_MECH_OID = 34;

  private final ObjectId mech;
  private final byte[] token;
  private final int innerOffset;

  private GssFraming(ObjectId mech, byte[] token, int innerOffset) {
    this.mech = mech;
    this.token = token;
    this.innerOffset = innerOffset;
  }

  /** True when {@code token} starts like an RFC 2743 initial context token. */
  public static boolean looksFramed(byte[] token) {
    return token.length > 0 && (token[0] & 0xff) == DerReader.APPLICATION_0;
  }

  /**
   * Parses the framing; the application element must span the whole token. The token is not
   * copied: the caller must not change it while it uses the result.
   */
  public static GssFraming parse(byte[] token) throws RejectedException {
    DerReader r = DerReader.of(token, "RFC 2743 initial context token");
    int outer = r.enter(DerReader.APPLICATION_0);
    r.expectFilled(r.end(), outer);
    int oidStart = r.position();
    int body = r.enter(DerReader.OID);
    int oidEnd = r.end();
    r.skipRest();
    r.exit(body);
    if (oidEnd - oidStart > MAX_MECH_OID) {
      throw new RejectedException(Reason.MALFORMED_TOKEN, "expected a mechanism OID of at most "
          + MAX_MECH_OID + " bytes in the RFC 2743 framing, got " + (oidEnd - oidStart));
    }
    ObjectId mech = DerReader.of(token, oidStart, oidEnd, "thisMech").readOid();
    return new GssFraming(mech, token, oidEnd);
  }

  /** Frames {@code inner} for {@code mech}. */
  public static byte[] frame(ObjectId mech, byte[] inner) {
    return DerWriter.element(DerReader.APPLICATION_0, mech.encoded(), inner);
  }

  public ObjectId mech() {
    return mech;
  }

  /** The inner context token (a copy). */
  public byte[] inner() {
    return Arrays.copyOfRange(token, innerOffset, token.length);
  }

  /**
   * Where the inner context token starts in the parsed token (it runs to the end), for parsers
   * that read it in place.
   */
  public int innerOffset() {
    return innerOffset;
  }
}
