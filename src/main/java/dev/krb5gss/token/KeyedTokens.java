package dev.krb5gss.token;

import dev.krb5gss.crypto.CipherKey;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;

/**
 * What every token format shares: the checks made before a token format sees a call (the
 * context key still live, the caller's bounds inside its array), so each format's class holds
 * only its own RFC.
 */
abstract class KeyedTokens implements MessageProtection {
  final CipherKey key;

  KeyedTokens(CipherKey key) {
    this.key = key;
  }

  abstract byte[] protect(byte[] msg, int off, int len, boolean conf);

  abstract Unwrapped open(byte[] token, int off, int len) throws RejectedException;

  abstract byte[] mic(byte[] msg, int off, int len);

  abstract Verified verify(byte[] token, byte[] msg, int off, int len) throws RejectedException;

  @Override
  public final byte[] wrap(byte[] msg, int off, int len, boolean conf) {
    requireLive();
    checkBounds(msg, off, len);
    return protect(msg, off, len, conf);
  }

  @Override
  public final Unwrapped unwrap(byte[] token, int off, int len) throws RejectedException {
    refuseIfDisposed();
    checkBounds(token, off, len);
    return open(token, off, len);
  }

  @Override
  public final byte[] getMic(byte[] msg, int off, int len) {
    requireLive();
    checkBounds(msg, off, len);
    return mic(msg, off, len);
  }

  @Override
  public final Verified verifyMic(byte[] token, byte[] msg, int off, int len)
      throws RejectedException {
    refuseIfDisposed();
    checkBounds(msg, off, len);
    return verify(token, msg, off, len);
  }

  @Override
  public final EncType encType() {
    return key.encType();
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

  private static void checkBounds(byte[] b, int off, int len) {
    if (off < 0 || len < 0 || off > b.length - len) {
      throw new IndexOutOfBoundsException("offset " + off + ", length " + len + " outside "
          + b.length + " bytes");
    }
  }
}
