package dev.krb5gss.ap;

import dev.krb5gss.der.ObjectId;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.gss.GssFraming;
import dev.krb5gss.gss.MechOids;
import dev.krb5gss.gss.Ntlm;
import java.util.Arrays;

/**
 * The RFC 2743 §3.1 mechanism-independent token framing ({@code 0x60 || length || mech OID ||
 * inner token}) around an RFC 4121 §4.1 Kerberos token ({@code TOK_ID || message}). Parsing
 * accepts the framed form with the krb5 OID or Microsoft's legacy krb5 OID, and the inner form
 * that starts at TOK_ID (what the JDK's GSS framework hands a mechanism).
 */
public final class InitialContextToken {
  /** The Kerberos V5 GSS-API mechanism, RFC 1964 §1 / RFC 4121 §1. */
  public static final String KRB5_OID = MechOids.KRB5.dotted();
  /** Microsoft's legacy (mistyped) Kerberos OID, sent by Windows SPNEGO as a first choice. */
  public static final String MS_KRB5_OID = MechOids.MS_KRB5.dotted();

  /** TOK_ID of a KRB_AP_REQ token, RFC 4121 §4.1. */
  public static final int TOK_AP_REQ = 0x0100;
  /** TOK_ID of a KRB_AP_REP token. */
  public static final int TOK_AP_REP = 0x0200;
  /** TOK_ID of a KRB_ERROR token. */
  public static final int TOK_ERROR = 0x0300;

  private final String mechOid;
  private final int tokId;
  /** The whole token as given (not copied) and where the message after TOK_ID starts in it. */
  private final byte[] token;
  private final int bodyOffset;

  private InitialContextToken(String mechOid, int tokId, byte[] token, int bodyOffset) {
    this.mechOid = mechOid;
    this.tokId = tokId;
    this.token = token;
    this.bodyOffset = bodyOffset;
  }

  /**
   * Parses a token expected to carry an AP-REQ ({@code TOK_ID 01 00}).
   *
   * @param maxSize the largest token accepted, in bytes
   */
  public static InitialContextToken parseApReq(byte[] token, int maxSize) throws RejectedException {
    InitialContextToken t = parse(token, maxSize);
    if (t.tokId != TOK_AP_REQ) {
      throw malformed("expected TOK_ID 01 00 (KRB_AP_REQ), got " + hex16(t.tokId)
          + (t.tokId == TOK_AP_REP || t.tokId == TOK_ERROR
              ? " (an AP-REP or KRB-ERROR: the token went the wrong way)" : ""));
    }
    return t;
  }

  /**
   * Parses the framing and TOK_ID of any RFC 4121 §4.1 token. The token is not copied: the
   * caller must not change it while it uses the result.
   */
  public static InitialContextToken parse(byte[] token, int maxSize) throws RejectedException {
    if (token == null || token.length == 0) {
      throw malformed("empty token");
    }
    if (token.length > maxSize) {
      throw new RejectedException(Reason.TOKEN_TOO_LARGE, "token of " + token.length
          + " bytes exceeds the maximum of " + maxSize + " bytes");
    }
    if (Ntlm.isNtlmssp(token)) {
      throw new RejectedException(Reason.NTLM_OFFERED, "the client sent NTLM (NTLMSSP), not "
          + "Kerberos: " + Ntlm.HINT);
    }
    if (GssFraming.looksFramed(token)) {
      return parseFramed(token);
    }
    return inner(KRB5_OID, token, 0);
  }

  private static InitialContextToken parseFramed(byte[] token) throws RejectedException {
    GssFraming framing = GssFraming.parse(token);
    ObjectId mech = framing.mech();
    if (!MechOids.isKerberos(mech)) {
      throw new RejectedException(Reason.UNSUPPORTED_MECHANISM, "the token is for mechanism "
          + mech + ", not Kerberos V5 (" + KRB5_OID + ")" + (mech.equals(MechOids.SPNEGO)
              ? ": a SPNEGO token was given to the krb5 mechanism" : ""));
    }
    return inner(mech.equals(MechOids.MS_KRB5) ? MS_KRB5_OID : KRB5_OID, token,
        framing.innerOffset());
  }

  private static InitialContextToken inner(String mech, byte[] b, int off)
      throws RejectedException {
    if (b.length - off < 3) {
      throw malformed("truncated: no TOK_ID and message after the framing");
    }
    int tokId = ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    if (tokId != TOK_AP_REQ && tokId != TOK_AP_REP && tokId != TOK_ERROR) {
      throw malformed("not a Kerberos GSS token: TOK_ID " + hex16(tokId) + " is none of 01 00, "
          + "02 00, 03 00" + ((b[off] & 0xff) == 0x6e ? " (a bare AP-REQ without GSS framing?)"
              : ""));
    }
    return new InitialContextToken(mech, tokId, b, off + 2);
  }

  /** {@code 0x60 || len || OID(mechOid) || TOK_ID || body}, RFC 2743 §3.1. */
  public static byte[] frame(String mechOid, int tokId, byte[] body) {
    ObjectId oid = MS_KRB5_OID.equals(mechOid) ? MechOids.MS_KRB5 : MechOids.KRB5;
    byte[] inner = new byte[body.length + 2];
    inner[0] = (byte) (tokId >> 8);
    inner[1] = (byte) tokId;
    System.arraycopy(body, 0, inner, 2, body.length);
    return GssFraming.frame(oid, inner);
  }

  /** The mechanism OID seen in the framing (the krb5 OID for an inner token). */
  public String mechOid() {
    return mechOid;
  }

  public int tokId() {
    return tokId;
  }

  /** The Kerberos message after TOK_ID (a copy). */
  public byte[] body() {
    return Arrays.copyOfRange(token, bodyOffset, token.length);
  }

  /** The token as given; the message after TOK_ID starts at {@link #bodyOffset()}. */
  byte[] token() {
    return token;
  }

  int bodyOffset() {
    return bodyOffset;
  }

  private static String hex16(int v) {
    return String.format("%02x %02x", v >> 8, v & 0xff);
  }

  private static RejectedException malformed(String message) {
    return new RejectedException(Reason.MALFORMED_TOKEN, message);
  }
}
