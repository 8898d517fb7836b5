package dev.krb5gss.token;

import static dev.krb5gss.token.TokenHeader.defective;

import dev.krb5gss.der.ObjectId;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.gss.GssFraming;
import dev.krb5gss.gss.MechOids;
import java.util.Arrays;

/**
 * The RFC 2743 §3.1 framing ({@code 0x60 || DER length || OID || inner token}, via
 * {@link GssFraming}) that RFC 1964 §1.2 / RFC 4757 §7 per-message tokens keep, unlike RFC 4121
 * tokens. The OID is the one the context was established with: the krb5 OID, or Microsoft's
 * legacy one; a token must carry exactly that one.
 */
final class Rc4Framing {
  private static final int OID_TLV = MechOids.KRB5.encoded().length;

  private final ObjectId mech;

  private Rc4Framing(ObjectId mech) {
    this.mech = mech;
  }

  /** The framing for a context established with {@code mechOid} (dotted). */
  static Rc4Framing forMech(String mechOid) {
    return new Rc4Framing(MechOids.MS_KRB5.dotted().equals(mechOid) ? MechOids.MS_KRB5
        : MechOids.KRB5);
  }

  byte[] frame(byte[] inner) {
    return GssFraming.frame(mech, inner);
  }

  /**
   * The inner token (from TOK_ID on, a copy) of a framed token that spans exactly
   * {@code b[off..off+len)}, at least {@code minInner} bytes long.
   */
  byte[] inner(byte[] b, int off, int len, int minInner, String what) throws RejectedException {
    byte[] token = off == 0 && len == b.length ? b : Arrays.copyOfRange(b, off, off + len);
    if (!GssFraming.looksFramed(token)) {
      throw defective("an rc4-hmac " + what + " token starts with the RFC 2743 framing byte 60");
    }
    GssFraming framing = GssFraming.parse(token);
    if (!framing.mech().equals(mech)) {
      throw defective(what + " token is framed for " + framing.mech().dotted()
          + ", the context for " + mech.dotted());
    }
    byte[] inner = framing.inner();
    if (inner.length < minInner) {
      throw defective("an rc4-hmac " + what + " token holds at least " + minInner
          + " bytes after the framing, got " + inner.length);
    }
    return inner;
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
