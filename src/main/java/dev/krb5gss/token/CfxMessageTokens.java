package dev.krb5gss.token;

import static dev.krb5gss.token.TokenHeader.ACCEPTOR_SUBKEY;
import static dev.krb5gss.token.TokenHeader.LENGTH;
import static dev.krb5gss.token.TokenHeader.SEALED;
import static dev.krb5gss.token.TokenHeader.SENT_BY_ACCEPTOR;
import static dev.krb5gss.token.TokenHeader.defective;

import dev.krb5gss.crypto.CipherKey;
import dev.krb5gss.crypto.CryptoProfile;
import dev.krb5gss.crypto.IntegrityException;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * RFC 4121 §4.2 (CFX) per-message tokens for the AES enctype families: Wrap tokens (05 04) with and
 * without confidentiality, MIC tokens (04 04), the flags of §4.2.2 checked on receipt, EC and RRC
 * handled (rotated tokens accepted; ours are sent with RRC 0), 64-bit sequence numbers and a
 * {@link SequenceWindow} when replay or sequence detection was negotiated. Key usages are those of
 * RFC 4121 §2 (acceptor seal 22 / sign 23, initiator seal 24 / sign 25). Thread-safe; a rejected
 * token changes no state.
 */
final class CfxMessageTokens extends KeyedTokens {
  static final int ACCEPTOR_SEAL = 22;
  static final int ACCEPTOR_SIGN = 23;
  static final int INITIATOR_SEAL = 24;
  static final int INITIATOR_SIGN = 25;

  private final CryptoProfile profile;
  private final boolean weAreAcceptor;
  private final boolean acceptorSubkey;
  private final AtomicLong sendSeq;
  private final SequenceWindow window;

  CfxMessageTokens(CryptoProfile profile, CipherKey key, boolean weAreAcceptor,
      boolean acceptorSubkey, long ourSeq, long peerSeq, boolean replay, boolean sequence) {
    super(key);
    this.profile = profile;
    this.weAreAcceptor = weAreAcceptor;
    this.acceptorSubkey = acceptorSubkey;
    this.sendSeq = new AtomicLong(ourSeq);
    this.window = new SequenceWindow(peerSeq, replay, sequence);
  }

  @Override
  byte[] protect(byte[] msg, int off, int len, boolean conf) {
    int flags = ourFlags() | (conf ? SEALED : 0);
    long seq = sendSeq.getAndIncrement();
    int usage = weAreAcceptor ? ACCEPTOR_SEAL : INITIATOR_SEAL;
    if (conf) {
      byte[] header = TokenHeader.wrap(flags, 0, 0, seq);
      byte[] token = profile.encrypt(key, usage, msg, off, len, header, LENGTH);
      System.arraycopy(header, 0, token, 0, LENGTH);
      return token;
    }
    int ck = profile.checksumLength();
    byte[] mac = profile.checksum(key, usage, msg, off, len, TokenHeader.wrap(flags, 0, 0, seq));
    byte[] token = new byte[LENGTH + len + ck];
    System.arraycopy(TokenHeader.wrap(flags, ck, 0, seq), 0, token, 0, LENGTH);
    System.arraycopy(msg, off, token, LENGTH, len);
    System.arraycopy(mac, 0, token, LENGTH + len, ck);
    return token;
  }

  @Override
  Unwrapped open(byte[] token, int off, int len) throws RejectedException {
    if (len < LENGTH) {
      throw defective("a Wrap token is at least " + LENGTH + " bytes, got " + len);
    }
    int tokId = TokenHeader.tokId(token, off);
    if (tokId != TokenHeader.WRAP) {
      throw defective("expected a Wrap token (TOK_ID 05 04), got TOK_ID "
          + String.format("%04x", tokId));
    }
    int flags = token[off + 2] & 0xff;
    checkFlags(flags);
    if ((token[off + 3] & 0xff) != 0xff) {
      throw defective("Wrap token filler byte is not 0xFF");
    }
    int ec = TokenHeader.getShort(token, off + 4);
    int rrc = TokenHeader.getShort(token, off + 6);
    long seq = TokenHeader.getLong(token, off + 8);
    byte[] header = Arrays.copyOfRange(token, off, off + LENGTH);
    int bodyLength = len - LENGTH;
    boolean rotated = bodyLength > 0 && rrc % bodyLength != 0;
    byte[] body = rotated ? unrotate(token, off + LENGTH, bodyLength, rrc) : token;
    int bodyOff = rotated ? 0 : off + LENGTH;
    boolean sealed = (flags & SEALED) != 0;
    byte[] data = sealed ? openSealed(header, body, bodyOff, bodyLength, ec)
        : openSigned(header, body, bodyOff, bodyLength, ec);
    return new Unwrapped(data, sealed, window.check(seq));
  }

  private byte[] openSealed(byte[] header, byte[] body, int bodyOff, int bodyLength, int ec)
      throws RejectedException {
    if (bodyLength < profile.encryptionOverhead() + LENGTH + ec) {
      throw defective("sealed Wrap token body of " + bodyLength + " bytes cannot hold EC " + ec
          + " plus the encrypted header and " + profile.encryptionOverhead() + " bytes overhead");
    }
    byte[] plain;
    try {
      plain = profile.decrypt(key, peerSealUsage(), body, bodyOff, bodyLength);
    } catch (IntegrityException e) {
      throw new RejectedException(Reason.BAD_MIC, "sealed Wrap token failed its integrity check");
    }
    int inner = plain.length - LENGTH;
    // RFC 4121 §4.2.4: the encrypted copy of the header equals the header, RRC aside.
    boolean same = MessageDigest.isEqual(Arrays.copyOfRange(plain, inner, inner + 6),
        Arrays.copyOf(header, 6))
        && MessageDigest.isEqual(Arrays.copyOfRange(plain, inner + 8, plain.length),
        Arrays.copyOfRange(header, 8, LENGTH));
    if (!same) {
      throw new RejectedException(Reason.BAD_MIC,
          "the header inside the sealed Wrap token differs from the header outside");
    }
    return Arrays.copyOf(plain, inner - ec);
  }

  private byte[] openSigned(byte[] header, byte[] body, int bodyOff, int bodyLength, int ec)
      throws RejectedException {
    int ck = profile.checksumLength();
    if (ec != ck) {
      throw defective("unsealed Wrap token has EC " + ec + ", expected the checksum length " + ck);
    }
    if (bodyLength < ck) {
      throw defective("unsealed Wrap token body of " + bodyLength
          + " bytes is shorter than its " + ck + "-byte checksum");
    }
    byte[] zeroed = header.clone();
    Arrays.fill(zeroed, 4, 8, (byte) 0);             // EC and RRC are zero in the checksum input
    int dataLength = bodyLength - ck;
    byte[] mac = profile.checksum(key, peerSealUsage(), body, bodyOff, dataLength, zeroed);
    int macAt = bodyOff + dataLength;
    if (!MessageDigest.isEqual(mac, Arrays.copyOfRange(body, macAt, macAt + ck))) {
      throw new RejectedException(Reason.BAD_MIC, "unsealed Wrap token checksum does not verify");
    }
    return Arrays.copyOfRange(body, bodyOff, macAt);
  }

  @Override
  byte[] mic(byte[] msg, int off, int len) {
    byte[] header = TokenHeader.mic(ourFlags(), sendSeq.getAndIncrement());
    byte[] mac = profile.checksum(key, weAreAcceptor ? ACCEPTOR_SIGN : INITIATOR_SIGN, msg, off,
        len, header);
    byte[] token = Arrays.copyOf(header, LENGTH + mac.length);
    System.arraycopy(mac, 0, token, LENGTH, mac.length);
    return token;
  }

  @Override
  Verified verify(byte[] token, byte[] msg, int off, int len) throws RejectedException {
    int ck = profile.checksumLength();
    if (token.length != LENGTH + ck) {
      throw defective("a MIC token for " + key.encType() + " is " + (LENGTH + ck)
          + " bytes, got " + token.length);
    }
    int tokId = TokenHeader.tokId(token, 0);
    if (tokId != TokenHeader.MIC) {
      throw defective("expected a MIC token (TOK_ID 04 04), got TOK_ID "
          + String.format("%04x", tokId));
    }
    int flags = token[2] & 0xff;
    checkFlags(flags);
    if ((flags & SEALED) != 0) {
      throw defective("a MIC token must not have the Sealed flag");
    }
    for (int i = 3; i < 8; i++) {
      if ((token[i] & 0xff) != 0xff) {
        throw defective("MIC token filler is not 0xFF");
      }
    }
    byte[] header = Arrays.copyOf(token, LENGTH);
    byte[] mac = profile.checksum(key, weAreAcceptor ? INITIATOR_SIGN : ACCEPTOR_SIGN, msg, off,
        len, header);
    if (!MessageDigest.isEqual(mac, Arrays.copyOfRange(token, LENGTH, token.length))) {
      throw new RejectedException(Reason.BAD_MIC, "MIC token checksum does not verify");
    }
    return new Verified(window.check(TokenHeader.getLong(token, 8)));
  }

  @Override
  public int wrapSizeLimit(boolean conf, int maxTokenSize) {
    int overhead = conf ? LENGTH + LENGTH + profile.encryptionOverhead()
        : LENGTH + profile.checksumLength();
    return Math.max(0, maxTokenSize - overhead);
  }

  private int ourFlags() {
    return (weAreAcceptor ? SENT_BY_ACCEPTOR : 0) | (acceptorSubkey ? ACCEPTOR_SUBKEY : 0);
  }

  private int peerSealUsage() {
    return weAreAcceptor ? INITIATOR_SEAL : ACCEPTOR_SEAL;
  }

  /** RFC 4121 §4.2.2: SentByAcceptor must name the peer, AcceptorSubkey must match the key. */
  private void checkFlags(int flags) throws RejectedException {
    boolean byAcceptor = (flags & SENT_BY_ACCEPTOR) != 0;
    if (byAcceptor == weAreAcceptor) {
      throw defective("token has SentByAcceptor=" + byAcceptor + " but comes from the "
          + (weAreAcceptor ? "initiator" : "acceptor"));
    }
    boolean subkey = (flags & ACCEPTOR_SUBKEY) != 0;
    if (subkey != acceptorSubkey) {
      throw defective("token has AcceptorSubkey=" + subkey + " but the context key "
          + (acceptorSubkey ? "is" : "is not") + " the acceptor subkey");
    }
  }

  /** A copy of the body with the RFC 4121 §4.2.5 right rotation by {@code rrc} undone. */
  private static byte[] unrotate(byte[] token, int off, int len, int rrc) {
    byte[] body = new byte[len];
    int r = rrc % len;
    System.arraycopy(token, off + r, body, 0, len - r);
    System.arraycopy(token, off, body, len - r, r);
    return body;
  }

  @Override
  public String toString() {
    return "CfxMessageTokens[" + key.encType() + ", " + (weAreAcceptor ? "acceptor" : "initiator")
        + (acceptorSubkey ? ", acceptor subkey" : "") + ", " + window + "]";
  }
}
