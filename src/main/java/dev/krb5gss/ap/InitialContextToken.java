package dev.krb5gss.ap;

import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The RFC 2743 §3.1 mechanism-independent token framing ({@code 0x60 || length || mech OID ||
 * inner token}) around an RFC 4121 §4.1 Kerberos token ({@code TOK_ID || message}). Parsing
 * accepts the framed form with the krb5 OID or Microsoft's legacy krb5 OID, and the inner form
 * that starts at TOK_ID (what the JDK's GSS framework hands a mechanism).
 */
public final class InitialContextToken {
  /** The Kerberos V5 GSS-API mechanism, RFC 1964 §1 / RFC 4121 §1. */
  public static final String KRB5_OID = "1.2.840.113554.1.2.2";
  /** Microsoft's legacy (mistyped) Kerberos OID, sent by Windows SPNEGO as a first choice. */
  public static final String MS_KRB5_OID = "1.2.840.48018.1.2.2";

  /** TOK_ID of a KRB_AP_REQ token, RFC 4121 §4.1. */
  public static final int TOK_AP_REQ = 0x0100;
  /** TOK_ID of a KRB_AP_REP token. */
  public static final int TOK_AP_REP = 0x0200;
  /** TOK_ID of a KRB_ERROR token. */
  public static final int TOK_ERROR = 0x0300;

  private static final byte[] KRB5_OID_DER =
      {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x12, 0x01, 0x02, 0x02};
  private static final byte[] MS_KRB5_OID_DER =
      {0x2a, (byte) 0x86, 0x48, (byte) 0x82, (byte) 0xf7, 0x12, 0x01, 0x02, 0x02};
  private static final byte[] NTLMSSP = {'N', 'T', 'L', 'M', 'S', 'S', 'P', 0};

  private final String mechOid;
  private final int tokId;
  private final byte[] body;

  private InitialContextToken(String mechOid, int tokId, byte[] body) {
    this.mechOid = mechOid;
    this.tokId = tokId;
    this.body = body;
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

  /** Parses the framing and TOK_ID of any RFC 4121 §4.1 token. */
  public static InitialContextToken parse(byte[] token, int maxSize) throws RejectedException {
    if (token == null || token.length == 0) {
      throw malformed("empty token");
    }
    if (token.length > maxSize) {
      throw new RejectedException(Reason.TOKEN_TOO_LARGE, "token of " + token.length
          + " bytes exceeds the maximum of " + maxSize + " bytes");
    }
    if (startsWith(token, 0, NTLMSSP)) {
      throw new RejectedException(Reason.NTLM_OFFERED, "the client sent NTLM (NTLMSSP), not "
          + "Kerberos: it got no Kerberos ticket (check the SPN, that the client is in the domain "
          + "and the host name it used is not an IP address or an alias without an SPN)");
    }
    if ((token[0] & 0xff) == 0x60) {
      return parseFramed(token);
    }
    return inner(KRB5_OID, token, 0);
  }

  private static InitialContextToken parseFramed(byte[] token) throws RejectedException {
    DerReader outer;
    try {
      DerReader all = DerReader.of(token);
      outer = all.next(0x60, "InitialContextToken");
      all.end("InitialContextToken");
    } catch (DerException e) {
      throw malformed(e.getMessage());
    }
    byte[] content = outer.remaining();
    if (content.length < 2 || content[0] != 0x06 || (content[1] & 0xff) >= 0x80
        || content[1] + 2 > content.length) {
      throw malformed("InitialContextToken: missing or malformed mechanism OID");
    }
    byte[] oid = Arrays.copyOfRange(content, 2, 2 + content[1]);
    String mech;
    if (Arrays.equals(oid, KRB5_OID_DER)) {
      mech = KRB5_OID;
    } else if (Arrays.equals(oid, MS_KRB5_OID_DER)) {
      mech = MS_KRB5_OID;
    } else {
      String dotted = dottedOid(oid);
      throw new RejectedException(Reason.UNSUPPORTED_MECHANISM, "the token is for mechanism "
          + dotted + ", not Kerberos V5 (" + KRB5_OID + ")"
          + ("1.3.6.1.5.5.2".equals(dotted) ? ": a SPNEGO token was given to the krb5 mechanism"
              : ""));
    }
    return inner(mech, content, 2 + content[1]);
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
    return new InitialContextToken(mech, tokId, Arrays.copyOfRange(b, off + 2, b.length));
  }

  /** {@code 0x60 || len || OID(mechOid) || TOK_ID || body}, RFC 2743 §3.1. */
  public static byte[] frame(String mechOid, int tokId, byte[] body) {
    byte[] oid = MS_KRB5_OID.equals(mechOid) ? MS_KRB5_OID_DER : KRB5_OID_DER;
    ByteArrayOutputStream content = new ByteArrayOutputStream(body.length + 16);
    content.write(0x06);
    content.write(oid.length);
    content.write(oid, 0, oid.length);
    content.write(tokId >> 8);
    content.write(tokId & 0xff);
    content.write(body, 0, body.length);
    return DerWriter.tlv(0x60, content.toByteArray());
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
    return body.clone();
  }

  private static boolean startsWith(byte[] b, int off, byte[] prefix) {
    return b.length - off >= prefix.length
        && Arrays.equals(b, off, off + prefix.length, prefix, 0, prefix.length);
  }

  static String dottedOid(byte[] oid) {
    if (oid.length == 0) {
      return "(empty OID)";
    }
    StringBuilder sb = new StringBuilder();
    int first = oid[0] & 0xff;
    sb.append(Math.min(first / 40, 2)).append('.').append(first - 40 * Math.min(first / 40, 2));
    long v = 0;
    for (int i = 1; i < oid.length; i++) {
      v = (v << 7) | (oid[i] & 0x7f);
      if ((oid[i] & 0x80) == 0) {
        sb.append('.').append(v);
        v = 0;
      }
    }
    return sb.toString();
  }

  private static String hex16(int v) {
    return String.format("%02x %02x", v >> 8, v & 0xff);
  }

  private static RejectedException malformed(String message) {
    return new RejectedException(Reason.MALFORMED_TOKEN, message);
  }
}
