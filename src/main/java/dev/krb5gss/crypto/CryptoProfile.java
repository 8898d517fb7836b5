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

  /**
   * As {@link #key}, for a service's long-term key (from a keytab), which every accept uses: its
   * derived keys keep JCE engines of their own on each thread, instead of being re-keyed into an
   * engine after each context's keys.
   */
  default CipherKey longTermKey(SecretBytes protocolKey) {
    return key(protocolKey);
  }

  /** A new random protocol key for this enctype (e.g. an acceptor subkey). */
  CipherKey randomKey();

  /** Encrypts with a fresh random confounder, RFC 3961 §5.3 (or RFC 8009 §5 / RFC 4757). */
  byte[] encrypt(CipherKey key, int usage, byte[] plaintext, int offset, int length);

  /**
   * Encrypts {@code data[offset, offset + length)} with a fresh confounder into
   * {@code out[outOffset, outOffset + length + }{@link #encryptionOverhead()}{@code )}, e.g. into
   * a caller's reused buffer, saving the new array {@link #encrypt} returns.
   */
  default void encryptInto(CipherKey key, int usage, byte[] data, int offset, int length,
      byte[] out, int outOffset) {
    byte[] c = encrypt(key, usage, data, offset, length);
    if (c.length != length + encryptionOverhead()) {
      throw new IllegalStateException(encType() + " produced " + c.length + " bytes for "
          + length + " plaintext bytes, not " + (length + encryptionOverhead()));
    }
    System.arraycopy(c, 0, out, outOffset, c.length);
  }

  /**
   * Encrypts {@code data[offset..offset+length) || trailer} with a fresh confounder into a new
   * array that has {@code headroom} unused bytes in front (where a caller puts its token header),
   * saving the copies of concatenating first and prepending after (RFC 4121 §4.2.4 encrypts
   * message || header).
   */
  default byte[] encrypt(CipherKey key, int usage, byte[] data, int offset, int length,
      byte[] trailer, int headroom) {
    byte[] plain = new byte[length + trailer.length];
    System.arraycopy(data, offset, plain, 0, length);
    System.arraycopy(trailer, 0, plain, length, trailer.length);
    byte[] c = encrypt(key, usage, plain, 0, plain.length);
    byte[] out = new byte[headroom + c.length];
    System.arraycopy(c, 0, out, headroom, c.length);
    return out;
  }

  /** Decrypts and verifies integrity; returns the plaintext without the confounder. */
  byte[] decrypt(CipherKey key, int usage, byte[] ciphertext, int offset, int length)
      throws IntegrityException;

  /** The keyed checksum of {@code data} for {@code usage}, {@link #checksumLength()} bytes. */
  byte[] checksum(CipherKey key, int usage, byte[] data, int offset, int length);

  /**
   * The keyed checksum of {@code data[offset, offset + length)} read as if
   * {@code [zeroFrom1, zeroTo1)} and {@code [zeroFrom2, zeroTo2)} held zeros, without changing
   * {@code data} (MS-PAC §2.8.1: a PAC's server checksum is over the PAC with its signature fields
   * zeroed). The ranges lie within the data and do not overlap; either may come first; an empty
   * range ({@code from == to}) zeroes nothing. This default copies the range; profiles feed the
   * pieces to the MAC instead.
   */
  default byte[] checksumZeroing(CipherKey key, int usage, byte[] data, int offset, int length,
      int zeroFrom1, int zeroTo1, int zeroFrom2, int zeroTo2) {
    ZeroedRanges.check(offset, length, zeroFrom1, zeroTo1, zeroFrom2, zeroTo2);
    byte[] copy = java.util.Arrays.copyOfRange(data, offset, offset + length);
    java.util.Arrays.fill(copy, zeroFrom1 - offset, zeroTo1 - offset, (byte) 0);
    java.util.Arrays.fill(copy, zeroFrom2 - offset, zeroTo2 - offset, (byte) 0);
    return checksum(key, usage, copy, 0, copy.length);
  }

  /**
   * As {@link #decrypt}, into {@code out} (at least {@code length} bytes, e.g. a caller's reused
   * buffer), for callers that parse the plaintext in place: the plaintext is
   * {@code out[plaintextOffset(), returned end)}, everything before it zero (no copy to strip a
   * confounder). The caller wipes {@code out} afterwards; on an integrity failure nothing
   * decrypted is left in it.
   */
  default int decryptInto(CipherKey key, int usage, byte[] ciphertext, int offset, int length,
      byte[] out) throws IntegrityException {
    byte[] plain = decrypt(key, usage, ciphertext, offset, length);
    try {
      if (plain.length > out.length) {
        throw new IllegalArgumentException("a buffer of " + out.length + " bytes for "
            + plain.length + " bytes of plaintext");
      }
      System.arraycopy(plain, 0, out, 0, plain.length);
      return plain.length;
    } finally {
      java.util.Arrays.fill(plain, (byte) 0);
    }
  }

  /** Where the plaintext starts in what {@link #decryptInto} writes. */
  default int plaintextOffset() {
    return 0;
  }

  /**
   * The key for a pass phrase (RFC 3962 §4, RFC 8009 §4, RFC 4757 §2).
   *
   * @param password the pass phrase as bytes (UTF-8 for MIT and the JDK)
   * @param salt the salt (realm + principal components, unless the KDC says otherwise)
   * @param iterations the PBKDF2 iteration count, or 0 for the enctype's default
   *     (4096 for RFC 3962, 32768 for RFC 8009); ignored by rc4-hmac
   */
  CipherKey stringToKey(byte[] password, byte[] salt, int iterations);

  /** The pseudo-random function of RFC 3961 §3 (RFC 3962 §6, RFC 8009 §5, RFC 4757 §8). */
  byte[] prf(CipherKey key, byte[] input);

  /**
   * The keyed checksum of {@code data[offset..offset+length) || trailer} (RFC 4121 §4.2.4
   * checksums message || header), without concatenating.
   */
  default byte[] checksum(CipherKey key, int usage, byte[] data, int offset, int length,
      byte[] trailer) {
    byte[] all = new byte[length + trailer.length];
    System.arraycopy(data, offset, all, 0, length);
    System.arraycopy(trailer, 0, all, length, trailer.length);
    return checksum(key, usage, all, 0, all.length);
  }

  /** Verifies a keyed checksum in constant time. */
  default boolean verifyChecksum(CipherKey key, int usage, byte[] data, int offset, int length,
      byte[] mac) {
    return java.security.MessageDigest.isEqual(checksum(key, usage, data, offset, length), mac);
  }
}
