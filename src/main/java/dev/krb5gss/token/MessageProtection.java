package dev.krb5gss.token;

import dev.krb5gss.ap.ApEstablished;
import dev.krb5gss.ap.ContextFlag;
import dev.krb5gss.crypto.CipherKey;
import dev.krb5gss.crypto.CryptoProfile;
import dev.krb5gss.crypto.CryptoProfiles;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.gss.MechOids;

/**
 * Per-message protection for one established Kerberos context: Wrap and MIC tokens made and
 * checked with the context key. The token format is chosen once, by the key's enctype family:
 * RFC 4121 §4.2 (CFX) tokens for the AES families ({@code CfxMessageTokens}), RFC 4757 §7 tokens
 * for rc4-hmac ({@code Rc4MessageTokens}).
 *
 * <p>Implementations are thread-safe. A rejected token changes no state: the context stays
 * usable. Once the context key is destroyed (dispose, failure, expiry), tokens from the peer are
 * refused with {@link Reason#NO_CONTEXT} and protecting a message throws
 * {@link IllegalStateException} (using a disposed context is the caller's error).
 */
public interface MessageProtection {
  /**
   * The acceptor's side of an established context (RFC 4121 §2 context key, AcceptorSubkey flag
   * when we sent a subkey, sequence numbers from the authenticator and our AP-REP, replay and
   * sequence detection as negotiated). rc4-hmac tokens are framed with the mechanism OID the
   * context was established with.
   *
   * @throws RejectedException {@link Reason#UNSUPPORTED_OPERATION} for an enctype we do not
   *     implement
   */
  static MessageProtection forAcceptor(ApEstablished est) throws RejectedException {
    return of(est.contextKey(), true, est.acceptorSubkey().isPresent(), est.acceptorSequence(),
        est.initiatorSequence(), est.has(ContextFlag.REPLAY), est.has(ContextFlag.SEQUENCE),
        est.mechOid());
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
  static MessageProtection acceptor(CipherKey contextKey, boolean acceptorSubkey,
      long ourSeq, long peerSeq, boolean replayDetect, boolean sequenceDetect)
      throws RejectedException {
    return of(contextKey, true, acceptorSubkey, ourSeq, peerSeq, replayDetect, sequenceDetect,
        MechOids.KRB5.dotted());
  }

  /** The initiator's side (for tests and for a peer in the same process); as {@link #acceptor}. */
  static MessageProtection initiator(CipherKey contextKey, boolean acceptorSubkey,
      long ourSeq, long peerSeq, boolean replayDetect, boolean sequenceDetect)
      throws RejectedException {
    return of(contextKey, false, acceptorSubkey, ourSeq, peerSeq, replayDetect, sequenceDetect,
        MechOids.KRB5.dotted());
  }

  private static MessageProtection of(CipherKey key, boolean weAreAcceptor,
      boolean acceptorSubkey, long ourSeq, long peerSeq, boolean replay, boolean sequence,
      String mechOid) throws RejectedException {
    EncType e = key.encType();
    if (e.equals(EncType.RC4_HMAC)) {
      return new Rc4MessageTokens(key, mechOid, weAreAcceptor, ourSeq, peerSeq, replay, sequence);
    }
    CryptoProfile profile = CryptoProfiles.of(e).orElseThrow(() -> new RejectedException(
        Reason.UNSUPPORTED_OPERATION, "no per-message protection for " + e));
    return new CfxMessageTokens(profile, key, weAreAcceptor, acceptorSubkey, ourSeq, peerSeq,
        replay, sequence);
  }

  /** A Wrap token for {@code msg[off..off+len)}, sealed (encrypted) if {@code conf}. */
  byte[] wrap(byte[] msg, int off, int len, boolean conf);

  /** Verifies (and decrypts) a Wrap token from the peer. */
  Unwrapped unwrap(byte[] token, int off, int len) throws RejectedException;

  /** A MIC token over {@code msg[off..off+len)}. */
  byte[] getMic(byte[] msg, int off, int len);

  /** Verifies the peer's MIC token over {@code msg[off..off+len)}. */
  Verified verifyMic(byte[] token, byte[] msg, int off, int len) throws RejectedException;

  /** The largest message whose Wrap token fits in {@code maxTokenSize} bytes (RFC 2743 §2.2.8). */
  int wrapSizeLimit(boolean conf, int maxTokenSize);

  /** The enctype of the context key. */
  EncType encType();
}
