package dev.krb5gss.token;

import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;

/**
 * The 16-byte header of RFC 4121 §4.2.6 per-message tokens: TOK_ID (MIC 04 04, Wrap 05 04), the
 * flags of §4.2.2, filler 0xFF, EC and RRC (Wrap) or more filler (MIC), and the 64-bit SND_SEQ.
 */
final class TokenHeader {
  static final int LENGTH = 16;
  static final int MIC = 0x0404;
  static final int WRAP = 0x0504;
  static final int SENT_BY_ACCEPTOR = 0x01;
  static final int SEALED = 0x02;
  static final int ACCEPTOR_SUBKEY = 0x04;

  private TokenHeader() {}

  /** A Wrap header with EC and RRC as given. */
  static byte[] wrap(int flags, int ec, int rrc, long seq) {
    byte[] h = new byte[LENGTH];
    h[0] = 0x05;
    h[1] = 0x04;
    h[2] = (byte) flags;
    h[3] = (byte) 0xFF;
    putShort(h, 4, ec);
    putShort(h, 6, rrc);
    putLong(h, 8, seq);
    return h;
  }

  /** A MIC header. */
  static byte[] mic(int flags, long seq) {
    byte[] h = new byte[LENGTH];
    h[0] = 0x04;
    h[1] = 0x04;
    h[2] = (byte) flags;
    for (int i = 3; i < 8; i++) {
      h[i] = (byte) 0xFF;
    }
    putLong(h, 8, seq);
    return h;
  }

  static int tokId(byte[] t, int off) {
    return (t[off] & 0xff) << 8 | (t[off + 1] & 0xff);
  }

  static int getShort(byte[] t, int off) {
    return (t[off] & 0xff) << 8 | (t[off + 1] & 0xff);
  }

  static long getLong(byte[] t, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = v << 8 | (t[off + i] & 0xff);
    }
    return v;
  }

  static void putShort(byte[] t, int off, int v) {
    t[off] = (byte) (v >>> 8);
    t[off + 1] = (byte) v;
  }

  static void putLong(byte[] t, int off, long v) {
    for (int i = 7; i >= 0; i--) {
      t[off + i] = (byte) v;
      v >>>= 8;
    }
  }

  static RejectedException defective(String message) {
    return new RejectedException(Reason.MALFORMED_TOKEN, message);
  }
}
