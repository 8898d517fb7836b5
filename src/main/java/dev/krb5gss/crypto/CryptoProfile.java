package dev.krb5gss.crypto;

/**
 * One Kerberos encryption type's simplified profile (RFC 3961 §3, §5.3): encrypt/decrypt and
 * keyed checksums for a key usage number. Implementations are stateless and thread-safe; all
 * per-key state (derived keys) lives in the {@link CipherKey}.
 */
public interface CryptoProfile {
  EncType encType();

  /** Protocol key length in bytes. */
  int keyLength();

  /** The checksum type (RFC 3961 §8) used with this enctype's keys, e.g. 16 for hmac-sha1-96-aes256. */
  int checksumType();

  /** Length in bytes of this enctype's keyed checksum (the truncated HMAC). */
  int checksumLength();

  /** Bytes a ciphertext is longer than its plaintext (confounder + integrity tag). */
  int encryptionOverhead();

  /** Binds raw key bytes to this profile; derived keys are cached in the result. */
  CipherKey key(SecretBytes protocolKey);

  /** A new random protocol key for this enctype (e.g. an acceptor subkey). */
  CipherKey randomKey();

  /** Encrypts with a fresh random confounder, RFC 3961 §5.3 (or RFC 8009 §5 / RFC 4757). */
  byte[] encrypt(CipherKey key, int usage, byte[] plaintext, int offset, int length);

  /** Decrypts and verifies integrity; returns the plaintext without the confounder. */
  byte[] decrypt(CipherKey key, int usage, byte[] ciphertext, int offset, int length)
      throws IntegrityException;

  /** The keyed checksum of {@code data} for {@code usage}, {@link #checksumLength()} bytes. */
  byte[] checksum(CipherKey key, int usage, byte[] data, int offset, int length);

  /** Verifies a keyed checksum in constant time. */
  default boolean verifyChecksum(CipherKey key, int usage, byte[] data, int offset, int length,
      byte[] mac) {
    return java.security.MessageDigest.isEqual(checksum(key, usage, data, offset, length), mac);
  }
}
