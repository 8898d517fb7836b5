package dev.krb5gss.token;

import static dev.krb5gss.token.TokenHeader.defective;

import dev.krb5gss.crypto.CipherKey;
import dev.krb5gss.crypto.SecureRandoms;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The per-message tokens of an rc4-hmac context, RFC 4757 §7.2 (MIC, TOK_ID 01 01) and §7.3
 * (Wrap, TOK_ID 02 01), in the RFC 1964 §1.2 layout inside the RFC 2743 §3.1 framing: SGN_ALG
 * 11 00 (HMAC-MD5), SEAL_ALG 10 00 (RC4) or FF FF, an 8-byte SGN_CKSUM (the RFC 4757 §4 keyed
 * checksum with Microsoft usage 15 for MIC, 13 for Wrap), the 32-bit SND_SEQ with its direction
 * bytes (00 from the initiator, FF from the acceptor) encrypted under a key derived from the
 * checksum, and for Wrap an 8-byte confounder, the message and one pad byte, encrypted under a
 * key derived from the key XOR F0 and the sequence number when sealed.
 *
 * <p>SND_SEQ is outside the checksum (RFC 1964 §1.2.1.2): a changed sequence number in an
 * unsealed token goes unnoticed by the checksum and shows only in the sequence status. Sequence
 * numbers are 32 bits wide and wrap around. Thread-safe; a rejected token changes no state.
 */
final class Rc4MessageTokens extends KeyedTokens {
  static final int MIC_ID = 0x0101;
  static final int WRAP_ID = 0x0201;
  static final int SGN_ALG_HMAC_MD5 = 0x1100;
  static final int SEAL_ALG_RC4 = 0x1000;
  static final int SEAL_ALG_NONE = 0xffff;
  static final int MIC_LENGTH = 24;
  static final int WRAP_HEADER = 32;
  static final int USAGE_WRAP = 13;
  static final int USAGE_MIC = 15;

  private final Rc4Keys keys;
  private final Rc4Framing framing;
  private final boolean weAreAcceptor;
  private final AtomicLong sendSeq;
  private final SequenceWindow window;

  Rc4MessageTokens(CipherKey key, String mechOid, boolean weAreAcceptor, long ourSeq,
      long peerSeq, boolean replay, boolean sequence) {
    super(key);
    this.keys = new Rc4Keys(key);
    this.framing = Rc4Framing.forMech(mechOid);
    this.weAreAcceptor = weAreAcceptor;
    this.sendSeq = new AtomicLong(ourSeq & 0xffffffffL);
    this.window = SequenceWindow.of32Bits(peerSeq, replay, sequence);
  }

  @Override
  byte[] protect(byte[] msg, int off, int len, boolean conf) {
    int seq = nextSeq();
    byte[] t = new byte[WRAP_HEADER + len + 1];
    putShort(t, 0, WRAP_ID);
    putShort(t, 2, SGN_ALG_HMAC_MD5);
    putShort(t, 4, conf ? SEAL_ALG_RC4 : SEAL_ALG_NONE);
    putShort(t, 6, 0xffff);
    byte[] confounder = SecureRandoms.bytes(8);
    System.arraycopy(confounder, 0, t, 24, 8);
    System.arraycopy(msg, off, t, WRAP_HEADER, len);
    t[t.length - 1] = 1;                                  // one pad byte of value 1
    byte[] cksum = keys.checksum(USAGE_WRAP, t, 0, t, 24, t.length - 24);
    System.arraycopy(cksum, 0, t, 16, 8);
    if (conf) {
      keys.seal(seqBytes(seq), t, 24, t.length - 24);
    }
    sealSeq(t, seq);
    return framing.frame(t);
  }

  @Override
  Unwrapped open(byte[] token, int off, int len) throws RejectedException {
    byte[] t = framing.inner(token, off, len, WRAP_HEADER + 1, "Wrap");
    checkId(t, WRAP_ID, "Wrap");
    int sealAlg = getShort(t, 4);
    if (sealAlg != SEAL_ALG_RC4 && sealAlg != SEAL_ALG_NONE) {
      throw defective("Wrap token SEAL_ALG is " + hex(sealAlg) + ", expected 10 00 or ff ff");
    }
    if (getShort(t, 6) != 0xffff) {
      throw defective("Wrap token filler is not ff ff");
    }
    boolean sealed = sealAlg == SEAL_ALG_RC4;
    long seq = openSeq(t);
    byte[] body = Arrays.copyOfRange(t, 24, t.length);
    if (sealed) {
      keys.seal(seqBytes((int) seq), body, 0, body.length);
    }
    byte[] cksum = keys.checksum(USAGE_WRAP, t, 0, body, 0, body.length);
    if (!MessageDigest.isEqual(cksum, Arrays.copyOfRange(t, 16, 24))) {
      throw new RejectedException(Reason.BAD_MIC, "rc4-hmac Wrap token checksum does not verify");
    }
    int pad = body[body.length - 1] & 0xff;
    if (pad < 1 || pad > 8 || pad > body.length - 8) {
      throw defective("rc4-hmac Wrap token padding of " + pad + " bytes is invalid");
    }
    return new Unwrapped(Arrays.copyOfRange(body, 8, body.length - pad), sealed,
        window.check(seq));
  }

  @Override
  byte[] mic(byte[] msg, int off, int len) {
    int seq = nextSeq();
    byte[] t = new byte[MIC_LENGTH];
    putShort(t, 0, MIC_ID);
    putShort(t, 2, SGN_ALG_HMAC_MD5);
    putShort(t, 4, 0xffff);
    putShort(t, 6, 0xffff);
    System.arraycopy(keys.checksum(USAGE_MIC, t, 0, msg, off, len), 0, t, 16, 8);
    sealSeq(t, seq);
    return framing.frame(t);
  }

  @Override
  Verified verify(byte[] token, byte[] msg, int off, int len) throws RejectedException {
    byte[] t = framing.inner(token, 0, token.length, MIC_LENGTH, "MIC");
    if (t.length != MIC_LENGTH) {
      throw defective("an rc4-hmac MIC token is " + MIC_LENGTH + " bytes after the framing, got "
          + t.length);
    }
    checkId(t, MIC_ID, "MIC");
    if (getShort(t, 4) != 0xffff || getShort(t, 6) != 0xffff) {
      throw defective("MIC token filler is not ff ff ff ff");
    }
    byte[] cksum = keys.checksum(USAGE_MIC, t, 0, msg, off, len);
    if (!MessageDigest.isEqual(cksum, Arrays.copyOfRange(t, 16, 24))) {
      throw new RejectedException(Reason.BAD_MIC, "rc4-hmac MIC token checksum does not verify");
    }
    return new Verified(window.check(openSeq(t)));
  }

  /**
   * The largest message whose Wrap token (framing included) fits in {@code maxTokenSize}; the
   * same with and without confidentiality (RC4 adds no bytes).
   */
  @Override
  public int wrapSizeLimit(boolean conf, int maxTokenSize) {
    int limit = maxTokenSize - Rc4Framing.overhead(maxTokenSize) - WRAP_HEADER - 1;
    return Math.max(0, limit);
  }

  private int nextSeq() {
    return (int) sendSeq.getAndIncrement();
  }

  /** SND_SEQ: big-endian sequence number and our direction, RC4 under Kseq(SGN_CKSUM). */
  private void sealSeq(byte[] t, int seq) {
    byte[] plain = new byte[8];
    System.arraycopy(seqBytes(seq), 0, plain, 0, 4);
    Arrays.fill(plain, 4, 8, weAreAcceptor ? (byte) 0xff : 0);
    System.arraycopy(keys.cryptSeq(t, 16, plain, 0), 0, t, 8, 8);
  }

  /** Decrypts SND_SEQ, checks the direction bytes name the peer, returns the number. */
  private long openSeq(byte[] t) throws RejectedException {
    byte[] plain = keys.cryptSeq(t, 16, t, 8);
    byte[] expected = new byte[4];
    Arrays.fill(expected, weAreAcceptor ? 0 : (byte) 0xff);
    if (!MessageDigest.isEqual(Arrays.copyOfRange(plain, 4, 8), expected)) {
      throw new RejectedException(Reason.BAD_MIC, "rc4-hmac token SND_SEQ direction does not "
          + "name the " + (weAreAcceptor ? "initiator" : "acceptor") + " as its sender");
    }
    return (long) getShort(plain, 0) << 16 | getShort(plain, 2);
  }

  private static void checkId(byte[] t, int id, String what) throws RejectedException {
    if (getShort(t, 0) != id) {
      throw defective("expected an rc4-hmac " + what + " token (TOK_ID " + hex(id) + "), got TOK_ID "
          + hex(getShort(t, 0)));
    }
    if (getShort(t, 2) != SGN_ALG_HMAC_MD5) {
      throw defective(what + " token SGN_ALG is " + hex(getShort(t, 2))
          + ", expected 11 00 (HMAC-MD5)");
    }
  }

  private static byte[] seqBytes(int seq) {
    return new byte[] {(byte) (seq >>> 24), (byte) (seq >>> 16), (byte) (seq >>> 8), (byte) seq};
  }

  private static void putShort(byte[] t, int off, int v) {
    TokenHeader.putShort(t, off, v);
  }

  private static int getShort(byte[] t, int off) {
    return TokenHeader.getShort(t, off);
  }

  private static String hex(int v) {
    return String.format("%02x %02x", v >> 8, v & 0xff);
  }

  @Override
  public String toString() {
    return "Rc4MessageTokens[" + key.encType() + ", " + (weAreAcceptor ? "acceptor" : "initiator") + ", " + window + "]";
  }
}
