package dev.krb5gss.crypto;

/**
 * A ciphertext or checksum did not verify (RFC 3961 §3: decryption "integrity failure"), or was
 * too short to be one. Carries no key or plaintext; callers map it to their own reason.
 */
public final class IntegrityException extends Exception {
  private static final long serialVersionUID = 1L;

  public IntegrityException(String message) {
    super(message);
  }
}
