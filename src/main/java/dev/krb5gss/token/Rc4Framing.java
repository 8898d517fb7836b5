package dev.krb5gss.token;

import static dev.krb5gss.token.TokenHeader.defective;

import dev.krb5gss.error.RejectedException;
import java.util.Arrays;

/**
 * The RFC 2743 §3.1 framing ({@code 0x60 || DER length || OID || inner token}) that RFC 1964
 * §1.2 / RFC 4757 §7 per-message tokens keep, unlike RFC 4121 tokens. The OID is the one the
 * context was established with: the krb5 OID, or Microsoft's legacy one.
 */
final class Rc4Framing {
  /** 1.2.840.113554.1.2.2, RFC 1964 §1. */
  static final byte[] KRB5_OID =
      {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x12, 0x01, 0x02, 0x02};
  /** 1.2.840.48018.1.2.2, the OID Windows offers first in SPNEGO. */
  static final byte[] MS_KRB5_OID =
      {0x2a, (byte) 0x86, 0x48, (byte) 0x82, (byte) 0xf7, 0x12, 0x01, 0x02, 0x02};
  private static final int OID_TLV = 2 + KRB5_OID.length;

  private final byte[] oid;

  private Rc4Framing(byte[] oid) {
    this.oid = oid;
  }

  /** The framing for a context established with {@code mechOid} (dotted). */
  static Rc4Framing forMech(String mechOid) {
    return new Rc4Framing("1.2.840.48018.1.2.2".equals(mechOid) ? MS_KRB5_OID : KRB5_OID);
  }

  byte[] frame(byte[] inner) {
    int content = OID_TLV + inner.length;
    int lengthOctets = lengthOctets(content);
    byte[] out = new byte[1 + lengthOctets + content];
    out[0] = 0x60;
    if (lengthOctets == 1) {
      out[1] = (byte) content;
    } else {
      out[1] = (byte) (0x80 | (lengthOctets - 1));
      for (int i = 0; i < lengthOctets - 1; i++) {
        out[lengthOctets - i] = (byte) (content >>> (8 * i));
      }
    }
    int p = 1 + lengthOctets;
    out[p] = 0x06;
    out[p + 1] = (byte) oid.length;
    System.arraycopy(oid, 0, out, p + 2, oid.length);
    System.arraycopy(inner, 0, out, p + OID_TLV, inner.length);
    return out;
  }

  /**
   * The inner token (from TOK_ID on, a copy) of a framed token that spans exactly
   * {@code b[off..off+len)}, at least {@code minInner} bytes long.
   */
  byte[] inner(byte[] b, int off, int len, int minInner, String what) throws RejectedException {
    if (len < 2 || (b[off] & 0xff) != 0x60) {
      throw defective("an rc4-hmac " + what + " token starts with the RFC 2743 framing byte 60");
    }
    int first = b[off + 1] & 0xff;
    int lengthOctets = first < 0x80 ? 1 : 1 + (first & 0x7f);
    if (lengthOctets > 5 || len < 1 + lengthOctets) {
      throw defective(what + " token framing length is malformed or truncated");
    }
    long content = first < 0x80 ? first : 0;
    for (int i = 2; i <= lengthOctets; i++) {
      content = content << 8 | (b[off + i] & 0xff);
    }
    if (lengthOctets != lengthOctets((int) Math.min(content, Integer.MAX_VALUE))
        || content != len - 1 - lengthOctets) {
      throw defective(what + " token framing says " + content + " bytes, "
          + (len - 1 - lengthOctets) + " follow");
    }
    int p = off + 1 + lengthOctets;
    if (content < OID_TLV + minInner) {
      throw defective("an rc4-hmac " + what + " token holds at least " + minInner
          + " bytes after the framing, got " + Math.max(0, content - OID_TLV));
    }
    if (b[p] != 0x06 || b[p + 1] != oid.length
        || !Arrays.equals(b, p + 2, p + OID_TLV, oid, 0, oid.length)) {
      throw defective(what + " token framing does not name the context's Kerberos mechanism OID");
    }
    return Arrays.copyOfRange(b, p + OID_TLV, off + len);
  }

  /** Bytes of framing around an inner token in a token of at most {@code tokenSize} bytes. */
  static int overhead(int tokenSize) {
    return 1 + lengthOctets(Math.max(0, tokenSize)) + OID_TLV;
  }

  /** DER length octets for {@code n}: 1 in short form, else 1 + the bytes of n. */
  private static int lengthOctets(int n) {
    if (n < 0x80) {
      return 1;
    }
    return n < 0x100 ? 2 : n < 0x10000 ? 3 : n < 0x1000000 ? 4 : 5;
  }
}
