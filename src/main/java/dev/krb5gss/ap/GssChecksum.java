package dev.krb5gss.ap;

import dev.krb5gss.ap.KerberosMessages.Checksum;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import java.util.Arrays;

/**
 * The authenticator checksum of type 0x8003 (RFC 4121 §4.1.1): Lgth (16), Bnd (MD5 of the channel
 * bindings, zeros for none), Flags, and when the DELEG flag is set DlgOpt (1), Dlgth and Deleg (a
 * KRB-CRED, kept raw). Integers are little-endian. Extensions after Deleg are ignored.
 */
final class GssChecksum {
  /** The checksum type of the GSS-API authenticator checksum. */
  static final int TYPE = 0x8003;
  /** GSS_C_DCE_STYLE (RFC 4757 §7.1): a three-leg exchange we do not implement. */
  static final int DCE_STYLE = 0x1000;

  private static final int BASE_LENGTH = 24;
  private static final byte[] NO_BINDINGS = new byte[16];

  private final byte[] bnd;
  private final int flags;
  /** The one copy of the delegated KRB-CRED, until {@link #takeDelegation()} hands it over. */
  private byte[] delegation;

  private GssChecksum(byte[] bnd, int flags, byte[] delegation) {
    this.bnd = bnd;
    this.flags = flags;
    this.delegation = delegation;
  }

  /**
   * Parses the checksum and wipes its value afterwards (also on rejection): the value carries the
   * delegated KRB-CRED, whose enc-part may be unencrypted (etype 0) and then holds the delegated
   * TGT's session key in clear. The caller owns {@code cksum} and must not use its value again.
   */
  static GssChecksum parse(Checksum cksum) throws RejectedException {
    try {
      return parseValue(cksum);
    } finally {
      if (cksum != null && cksum.value() != null) {
        Arrays.fill(cksum.value(), (byte) 0);
      }
    }
  }

  private static GssChecksum parseValue(Checksum cksum) throws RejectedException {
    if (cksum == null) {
      throw bad("the authenticator has no checksum; a GSS-API initiator must send one of type "
          + "0x8003 (RFC 4121 §4.1.1): this is not a GSS-API Kerberos token");
    }
    if (cksum.type() != TYPE) {
      throw bad("the authenticator checksum has type " + cksum.type() + ", expected 0x8003 "
          + "(RFC 4121 §4.1.1): the AP-REQ was not made by a GSS-API initiator");
    }
    byte[] v = cksum.value();
    if (v.length < BASE_LENGTH) {
      throw bad("the 0x8003 checksum has " + v.length + " bytes, at least 24 are needed");
    }
    int lgth = le32(v, 0);
    if (lgth != 16) {
      throw bad("the 0x8003 checksum's Lgth is " + lgth + ", expected 16");
    }
    // No bindings (all zero, the usual case) share one constant; the array is never written.
    byte[] bnd = Arrays.equals(v, 4, 20, NO_BINDINGS, 0, 16) ? NO_BINDINGS : Arrays.copyOfRange(v, 4, 20);
    int flags = le32(v, 20);
    byte[] deleg = null;
    if ((flags & ContextFlag.DELEG.bit()) != 0) {
      if (v.length < 28) {
        throw bad("the DELEG flag is set but the 0x8003 checksum has no delegation fields");
      }
      int dlgOpt = le16(v, 24);
      int dlgth = le16(v, 26);
      if (dlgOpt != 1) {
        throw bad("the 0x8003 checksum's DlgOpt is " + dlgOpt + ", expected 1");
      }
      if (dlgth > v.length - 28) {
        throw bad("the 0x8003 checksum's Dlgth " + dlgth + " runs past its end ("
            + (v.length - 28) + " bytes remain)");
      }
      deleg = Arrays.copyOfRange(v, 28, 28 + dlgth);
    }
    return new GssChecksum(bnd, flags, deleg);
  }

  /** The raw Flags field. */
  int flags() {
    return flags;
  }

  boolean hasBindings() {
    return !Arrays.equals(bnd, NO_BINDINGS);
  }

  /** Checks the client's bindings against the acceptor's, RFC 4121 §4.1.1.2. */
  void checkBindings(ChannelBindings acceptor, boolean required) throws RejectedException {
    if (acceptor == null) {
      if (required) {
        throw new RejectedException(Reason.CHANNEL_BINDING_MISMATCH, "channel bindings are "
            + "required by the policy, but the acceptor supplied none to check against");
      }
      return;
    }
    if (!hasBindings()) {
      if (required) {
        throw new RejectedException(Reason.CHANNEL_BINDING_MISMATCH, "the client sent no "
            + "channel bindings, and the policy requires them (is the client too old, or is a "
            + "TLS-terminating proxy in between?)");
      }
      return;
    }
    if (!acceptor.matches(bnd)) {
      throw new RejectedException(Reason.CHANNEL_BINDING_MISMATCH, "the client's channel "
          + "bindings differ from the acceptor's: the client bound to another channel (a "
          + "TLS-terminating proxy, another endpoint, or a man in the middle)");
    }
  }

  /**
   * The raw KRB-CRED the client delegated, or null; hands over the one copy (the caller wipes it
   * when done), so a second call returns null.
   */
  byte[] takeDelegation() {
    byte[] d = delegation;
    delegation = null;
    return d;
  }

  private static int le32(byte[] b, int off) {
    return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16
        | (b[off + 3] & 0xff) << 24;
  }

  private static int le16(byte[] b, int off) {
    return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
  }

  private static RejectedException bad(String message) {
    return new RejectedException(Reason.BAD_GSS_CHECKSUM, message);
  }
}
