package dev.krb5gss.token;

import static dev.krb5gss.token.TokenHeader.ACCEPTOR_SUBKEY;
import static dev.krb5gss.token.TokenHeader.LENGTH;
import static dev.krb5gss.token.TokenHeader.SEALED;
import static dev.krb5gss.token.TokenHeader.SENT_BY_ACCEPTOR;
import static dev.krb5gss.token.TokenHeader.defective;

import dev.krb5gss.ap.ApEstablished;
import dev.krb5gss.ap.ContextFlag;
import dev.krb5gss.crypto.CipherKey;
import dev.krb5gss.crypto.CryptoProfile;
import dev.krb5gss.crypto.CryptoProfiles;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.crypto.IntegrityException;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.gss.MechOids;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-message protection for one established Kerberos context, RFC 4121 §4.2: Wrap tokens (05 04)
 * with and without confidentiality, MIC tokens (04 04), the flags of §4.2.2 checked on receipt,
 * EC and RRC handled (rotated tokens accepted; ours are sent with RRC 0), 64-bit sequence numbers
 * and a {@link SequenceWindow} when replay or sequence detection was negotiated. Key usages are
 * those of RFC 4121 §2 (acceptor seal 22 / sign 23, initiator seal 24 / sign 25).
 *
 * <p>rc4-hmac contexts use the RFC 4757 §7.2-§7.3 tokens instead (MIC 01 01, Wrap 02 01, in the
 * RFC 2743 §3.1 framing, 32-bit sequence numbers; see {@code Rc4MessageTokens}), behind the same
 * methods. Thread-safe. A rejected token changes no state: the context stays usable.
 */
public final class MessageProtection {
  static final int ACCEPTOR_SEAL = 22;
  static final int ACCEPTOR_SIGN = 23;
  static final int INITIATOR_SEAL = 24;
  static final int INITIATOR_SIGN = 25;
  private static final String KRB5_OID = MechOids.KRB5.dotted();

  private final CryptoProfile profile;
  private final CipherKey key;
  private final boolean weAreAcceptor;
  private final boolean acceptorSubkey;
  private final AtomicLong sendSeq;
  private final SequenceWindow window;
  private final Rc4MessageTokens rc4;       // non-null for rc4-hmac contexts (RFC 4757 §7)

  private MessageProtection(CryptoProfile profile, CipherKey key, boolean weAreAcceptor,
      boolean acceptorSubkey, long ourSeq, long peerSeq, boolean replay, boolean sequence,
      String mechOid) {
    this.profile = profile;
    this.key = key;
    this.weAreAcceptor = weAreAcceptor;
    this.acceptorSubkey = acceptorSubkey;
    this.sendSeq = new AtomicLong(ourSeq);
    this.window = new SequenceWindow(peerSeq, replay, sequence);
    this.rc4 = key.encType().equals(EncType.RC4_HMAC) ? new Rc4MessageTokens(key, mechOid,
        weAreAcceptor, ourSeq, peerSeq, replay, sequence) : null;
  }

  /**
   * The acceptor's side of an established context (RFC 4121 §2 context key, AcceptorSubkey flag
   * when we sent a subkey, sequence numbers from the authenticator and our AP-REP, replay and
   * sequence detection as negotiated). rc4-hmac tokens are framed with the mechanism OID the
   * context was established with.
   *
   * @throws RejectedException {@link Reason#UNSUPPORTED_OPERATION} for an enctype we do not
   *     implement
   */
  public static MessageProtection forAcceptor(ApEstablished est) throws RejectedException {
    CipherKey key = est.contextKey();
    return new MessageProtection(profileFor(key), key, true, est.acceptorSubkey().isPresent(),
        est.acceptorSequence(), est.initiatorSequence(), est.has(ContextFlag.REPLAY),
        est.has(ContextFlag.SEQUENCE), est.mechOid());
  }

  /**
   * The acceptor's side of a context.
   *
   * @param contextKey the RFC 4121 §2 context key (acceptor subkey, else initiator subkey, else
   *     session key)
   * @param acceptorSubkey true if {@code contextKey} is the acceptor subkey (sets and expects the
   *     AcceptorSubkey flag)
   * @param ourSeq the acceptor's initial sequence number (from the AP-REP, 0 without one)
   * @param peerSeq the initiator's initial sequence number (from the authenticator)
   * @throws RejectedException {@link Reason#UNSUPPORTED_OPERATION} for an enctype we do not
   *     implement
   */
  public static MessageProtection acceptor(CipherKey contextKey, boolean acceptorSubkey,
      long ourSeq, long peerSeq, boolean replayDetect, boolean sequenceDetect)
      throws RejectedException {
    return new MessageProtection(profileFor(contextKey), contextKey, true, acceptorSubkey, ourSeq,
        peerSeq, replayDetect, sequenceDetect, KRB5_OID);
  }

  /** The initiator's side (for tests and for a peer in the same process); as {@link #acceptor}. */
  public static MessageProtection initiator(CipherKey contextKey, boolean acceptorSubkey,
      long ourSeq, long peerSeq, boolean replayDetect, boolean sequenceDetect)
      throws RejectedException {
    return new MessageProtection(profileFor(contextKey), contextKey, false, acceptorSubkey,
        ourSeq, peerSeq, replayDetect, sequenceDetect, KRB5_OID);
  }

  /**
   * The context's key was wiped (the context was disposed, failed or expired): protecting with
   * it would use key material that should be gone (rc4 keys derived from it, engines keyed with
   * it). Using a disposed context is the caller's error.
   */
  private void requireLive() {
    if (key.isDestroyed()) {
      throw new IllegalStateException("the security context was disposed; its keys are wiped");
    }
  }

  /** For tokens from the peer: a disposed context refuses them with NO_CONTEXT. */
  private void refuseIfDisposed() throws RejectedException {
    if (key.isDestroyed()) {
      throw new RejectedException(Reason.NO_CONTEXT,
          "the security context was disposed; its keys are wiped");
    }
  }

  private static CryptoProfile profileFor(CipherKey key) throws RejectedException {
    EncType e = key.encType();
    return CryptoProfiles.of(e).orElseThrow(() -> new RejectedException(
        Reason.UNSUPPORTED_OPERATION, "no per-message protection for " + e));
  }

  /** A Wrap token for {@code msg[off..off+len)}, sealed (encrypted) if {@code conf}. */
  public byte[] wrap(byte[] msg, int off, int len, boolean conf) {
    requireLive();
    checkBounds(msg, off, len);
    if (rc4 != null) {
      return rc4.wrap(msg, off, len, conf);
    }
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

  /** Verifies (and decrypts) a Wrap token from the peer. */
  public Unwrapped unwrap(byte[] token, int off, int len) throws RejectedException {
    refuseIfDisposed();
    checkBounds(token, off, len);
    if (rc4 != null) {
      return rc4.unwrap(token, off, len);
    }
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

  /** A MIC token over {@code msg[off..off+len)}. */
  public byte[] getMic(byte[] msg, int off, int len) {
    requireLive();
    checkBounds(msg, off, len);
    if (rc4 != null) {
      return rc4.getMic(msg, off, len);
    }
    byte[] header = TokenHeader.mic(ourFlags(), sendSeq.getAndIncrement());
    byte[] mac = profile.checksum(key, weAreAcceptor ? ACCEPTOR_SIGN : INITIATOR_SIGN, msg, off,
        len, header);
    byte[] token = Arrays.copyOf(header, LENGTH + mac.length);
    System.arraycopy(mac, 0, token, LENGTH, mac.length);
    return token;
  }

  /** Verifies the peer's MIC token over {@code msg[off..off+len)}. */
  public Verified verifyMic(byte[] token, byte[] msg, int off, int len) throws RejectedException {
    refuseIfDisposed();
    checkBounds(msg, off, len);
    if (rc4 != null) {
      return rc4.verifyMic(token, msg, off, len);
    }
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

  /** The largest message whose Wrap token fits in {@code maxTokenSize} bytes (RFC 2743 §2.2.8). */
  public int wrapSizeLimit(boolean conf, int maxTokenSize) {
    if (rc4 != null) {
      return rc4.wrapSizeLimit(maxTokenSize);
    }
    int overhead = conf ? LENGTH + LENGTH + profile.encryptionOverhead()
        : LENGTH + profile.checksumLength();
    return Math.max(0, maxTokenSize - overhead);
  }

  /** The enctype of the context key. */
  public EncType encType() {
    return key.encType();
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

  private static void checkBounds(byte[] b, int off, int len) {
    if (off < 0 || len < 0 || off > b.length - len) {
      throw new IndexOutOfBoundsException("offset " + off + ", length " + len + " outside "
          + b.length + " bytes");
    }
  }

  @Override
  public String toString() {
    return rc4 != null ? "MessageProtection[" + key.encType() + ", " + rc4 + "]"
        : "MessageProtection[" + key.encType() + ", " + (weAreAcceptor ? "acceptor" : "initiator")
        + (acceptorSubkey ? ", acceptor subkey" : "") + ", " + window + "]";
  }
}
