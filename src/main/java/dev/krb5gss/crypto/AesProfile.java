package dev.krb5gss.crypto;

import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the AES enctypes share (RFC 3962 §6, RFC 8009 §5): a 16-byte confounder, AES-CTS with a
 * zero IV under Ke, a truncated HMAC under Ki, keyed checksums under Kc; the per-usage keys are
 * derived once per protocol key and cached in its {@link CipherKey}. Subclasses say how keys are
 * derived and what the integrity HMAC covers.
 */
abstract class AesProfile implements CryptoProfile {
  static final int CONFOUNDER = AesCts.BLOCK;
  private static final byte[] EMPTY = new byte[0];
  private static final byte[] ZERO_IV = new byte[AesCts.BLOCK];

  private final EncType encType;
  private final int keyLength;
  private final String hmac;
  private final int macLength;
  private final int checksumType;
  /** The derivations, held once so a cached lookup allocates nothing. */
  private final CipherKey.Derivation<UsageKeys> usageKeys =
      (key, usage) -> deriveUsageKeys(protocolKey(key), usage);
  private final CipherKey.Derivation<WipeableKey> checksumKey =
      (key, usage) -> deriveChecksumKey(protocolKey(key), usage);
  private final CipherKey.Derivation<WipeableKey> protocolKey =
      (key, unused) -> WipeableKey.copyOf(key.secret().unsafeBytes(), derivationAlgorithm());
  private final CipherKey.Derivation<WipeableKey> prfKey =
      (key, unused) -> derivePrfKey(key.secret().unsafeBytes());

  AesProfile(EncType encType, int keyLength, String hmac, int macLength, int checksumType) {
    this.encType = encType;
    this.keyLength = keyLength;
    this.hmac = hmac;
    this.macLength = macLength;
    this.checksumType = checksumType;
  }

  /** Ke and Ki for {@code usage}, derived from the protocol key. */
  abstract UsageKeys deriveUsageKeys(SecretKey protocolKey, int usage);

  /** Kc for {@code usage}, derived from the protocol key. */
  abstract WipeableKey deriveChecksumKey(SecretKey protocolKey, int usage);

  /** The JCA algorithm the protocol key is used with when deriving (AES, or the HMAC). */
  abstract String derivationAlgorithm();

  /** True if the HMAC covers IV | ciphertext (RFC 8009), false if it covers the plaintext. */
  abstract boolean macCoversCiphertext();

  /** The PRF output for {@code input} given the cached PRF key (see {@link #derivePrfKey}). */
  abstract byte[] prf(SecretKey prfKey, byte[] input);

  /** The key the PRF is keyed with (DK(key, "prf") for RFC 3962; the key itself for RFC 8009). */
  abstract WipeableKey derivePrfKey(byte[] protocolKey);

  @Override
  public final EncType encType() {
    return encType;
  }

  @Override
  public final int keyLength() {
    return keyLength;
  }

  @Override
  public final int checksumType() {
    return checksumType;
  }

  @Override
  public final int checksumLength() {
    return macLength;
  }

  @Override
  public final int encryptionOverhead() {
    return CONFOUNDER + macLength;
  }

  final String hmacAlgorithm() {
    return hmac;
  }

  @Override
  public final CipherKey key(SecretBytes protocolKey) {
    if (protocolKey.length() != keyLength) {
      throw new IllegalArgumentException(encType + " needs a " + keyLength + "-byte key, got "
          + protocolKey.length() + " bytes");
    }
    return new CipherKey(encType, protocolKey);
  }

  @Override
  public final CipherKey longTermKey(SecretBytes protocolKey) {
    key(protocolKey); // the same checks
    return new CipherKey(encType, protocolKey, true);
  }

  @Override
  public final CipherKey randomKey() {
    return new CipherKey(encType, SecretBytes.wrap(Jce.random(keyLength)));
  }

  final UsageKeys usageKeys(CipherKey key, int usage) {
    return key.derived(DerivedKeyId.of(DerivedKeyId.Kind.USAGE_KEYS, usage), usageKeys);
  }

  final WipeableKey checksumKey(CipherKey key, int usage) {
    return key.derived(DerivedKeyId.of(DerivedKeyId.Kind.CHECKSUM, usage), checksumKey);
  }

  /** The protocol key as one cached JCA key, so the engines deriving from it are keyed once. */
  private WipeableKey protocolKey(CipherKey key) {
    return key.derived(DerivedKeyId.of(DerivedKeyId.Kind.PROTOCOL), protocolKey);
  }

  /** Ke and Ki from raw protocol key bytes (for test vectors). */
  final UsageKeys deriveUsageKeys(byte[] protocolKey, int usage) {
    return withKey(protocolKey, k -> deriveUsageKeys(k, usage));
  }

  /** Kc from raw protocol key bytes (for test vectors). */
  final WipeableKey deriveChecksumKey(byte[] protocolKey, int usage) {
    return withKey(protocolKey, k -> deriveChecksumKey(k, usage));
  }

  /** {@code derive} applied to a copy of raw key bytes as a JCA key, destroyed afterwards. */
  private <T> T withKey(byte[] protocolKey, java.util.function.Function<SecretKey, T> derive) {
    WipeableKey k = WipeableKey.copyOf(protocolKey, derivationAlgorithm());
    try {
      return derive.apply(k);
    } finally {
      k.destroy();
    }
  }

  @Override
  public final byte[] encrypt(CipherKey key, int usage, byte[] plaintext, int offset, int length) {
    return encrypt(key, usage, Jce.random(CONFOUNDER), plaintext, offset, length, EMPTY, 0);
  }

  @Override
  public final byte[] encrypt(CipherKey key, int usage, byte[] data, int offset, int length,
      byte[] trailer, int headroom) {
    return encrypt(key, usage, Jce.random(CONFOUNDER), data, offset, length, trailer, headroom);
  }

  /**
   * The plaintext (confounder || data) is put together in this thread's scratch area and zeroed
   * there afterwards; the ciphertext and tag go straight into {@code out}.
   */
  @Override
  public final void encryptInto(CipherKey key, int usage, byte[] data, int offset, int length,
      byte[] out, int outOffset) {
    java.util.Objects.checkFromIndexSize(offset, length, data.length);
    java.util.Objects.checkFromIndexSize(outOffset, length + CONFOUNDER + macLength, out.length);
    UsageKeys k = usageKeys(key, usage);
    int plainLength = CONFOUNDER + length;
    byte[] plain = Scratch.plaintext(plainLength);
    try {
      SecureRandoms.fill(plain, 0, CONFOUNDER);
      System.arraycopy(data, offset, plain, CONFOUNDER, length);
      seal(k, plain, plainLength, out, outOffset);
    } finally {
      Arrays.fill(plain, 0, plainLength, (byte) 0);
    }
  }

  /**
   * Encrypts {@code plain[0, plainLength)} (confounder included) into {@code out} at
   * {@code outOffset} and appends the integrity tag (over the plaintext, RFC 3961 §5.3, or over
   * IV and ciphertext, RFC 8009 §5).
   */
  private void seal(UsageKeys k, byte[] plain, int plainLength, byte[] out, int outOffset) {
    AesCts.encrypt(k.ke, plain, 0, plainLength, out, outOffset);
    Mac mac = Jce.mac(hmac, k.ki);
    if (macCoversCiphertext()) {
      mac.update(ZERO_IV);
      mac.update(out, outOffset, plainLength);
    } else {
      mac.update(plain, 0, plainLength);
    }
    System.arraycopy(Scratch.macInto(mac), Scratch.MAC, out, outOffset + plainLength, macLength);
  }

  /** Encryption with an explicit confounder: for the RFC test vectors only. */
  final byte[] encrypt(CipherKey key, int usage, byte[] confounder, byte[] plaintext, int offset,
      int length) {
    return encrypt(key, usage, confounder, plaintext, offset, length, EMPTY, 0);
  }

  private byte[] encrypt(CipherKey key, int usage, byte[] confounder, byte[] data, int offset,
      int length, byte[] trailer, int headroom) {
    UsageKeys k = usageKeys(key, usage);
    int plainLength = CONFOUNDER + length + trailer.length;
    byte[] plain = new byte[plainLength];
    System.arraycopy(confounder, 0, plain, 0, CONFOUNDER);
    System.arraycopy(data, offset, plain, CONFOUNDER, length);
    System.arraycopy(trailer, 0, plain, CONFOUNDER + length, trailer.length);
    byte[] out = new byte[headroom + plainLength + macLength];
    seal(k, plain, plainLength, out, headroom);
    Arrays.fill(plain, (byte) 0);
    return out;
  }

  @Override
  public final byte[] decrypt(CipherKey key, int usage, byte[] ciphertext, int offset, int length)
      throws IntegrityException {
    checkLength(length);
    byte[] plain = new byte[length - macLength];
    try {
      int end = decryptInto(key, usage, ciphertext, offset, length, plain);
      return Arrays.copyOfRange(plain, CONFOUNDER, end);
    } finally {
      Arrays.fill(plain, (byte) 0); // the plaintext (a ticket's session key)
    }
  }

  @Override
  public final int decryptInto(CipherKey key, int usage, byte[] ciphertext, int offset,
      int length, byte[] plain) throws IntegrityException {
    checkLength(length);
    int cipherLength = length - macLength;
    if (plain.length < cipherLength) {
      throw new IllegalArgumentException("a buffer of " + plain.length + " bytes for "
          + cipherLength + " bytes of plaintext");
    }
    UsageKeys k = usageKeys(key, usage);
    int macAt = offset + cipherLength; // the received tag, compared in place
    if (macCoversCiphertext()) {
      Mac mac = Jce.mac(hmac, k.ki);
      mac.update(ZERO_IV);
      mac.update(ciphertext, offset, cipherLength);
      checkMac(Scratch.macInto(mac), ciphertext, macAt);
      AesCts.decrypt(k.ke, ciphertext, offset, cipherLength, plain, 0);
    } else {
      AesCts.decrypt(k.ke, ciphertext, offset, cipherLength, plain, 0);
      Mac mac = Jce.mac(hmac, k.ki);
      try {
        mac.update(plain, 0, cipherLength);
        checkMac(Scratch.macInto(mac), ciphertext, macAt);
      } catch (IntegrityException e) {
        // an altered ciphertext's plaintext is not left behind either
        Arrays.fill(plain, 0, cipherLength, (byte) 0);
        throw e;
      }
    }
    Arrays.fill(plain, 0, CONFOUNDER, (byte) 0);
    return cipherLength;
  }

  private void checkLength(int length) throws IntegrityException {
    if (length < CONFOUNDER + macLength) {
      throw new IntegrityException("ciphertext of " + length + " bytes is shorter than the "
          + (CONFOUNDER + macLength) + " bytes of confounder and checksum for " + encType);
    }
  }

  @Override
  public final int plaintextOffset() {
    return CONFOUNDER;
  }

  @Override
  public final byte[] checksum(CipherKey key, int usage, byte[] data, int offset, int length) {
    return checksum(key, usage, data, offset, length, EMPTY);
  }

  @Override
  public final byte[] checksumZeroing(CipherKey key, int usage, byte[] data, int offset,
      int length, int zeroFrom1, int zeroTo1, int zeroFrom2, int zeroTo2) {
    Mac mac = Jce.mac(hmac, checksumKey(key, usage));
    ZeroedRanges.update(mac, data, offset, length, zeroFrom1, zeroTo1, zeroFrom2, zeroTo2);
    return Arrays.copyOfRange(Scratch.macInto(mac), Scratch.MAC, Scratch.MAC + macLength);
  }

  @Override
  public final byte[] checksum(CipherKey key, int usage, byte[] data, int offset, int length,
      byte[] trailer) {
    Mac mac = Jce.mac(hmac, checksumKey(key, usage));
    mac.update(data, offset, length);
    mac.update(trailer);
    return Arrays.copyOfRange(Scratch.macInto(mac), Scratch.MAC, Scratch.MAC + macLength);
  }

  @Override
  public final byte[] prf(CipherKey key, byte[] input) {
    return prf(key.derived(DerivedKeyId.of(DerivedKeyId.Kind.PRF), prfKey), input);
  }

  /** The computed tag (truncated to macLength) against the received one, in constant time. */
  private void checkMac(byte[] scratch, byte[] received, int at) throws IntegrityException {
    if (!Scratch.equal(scratch, Scratch.MAC, received, at, macLength)) {
      throw new IntegrityException("integrity check failed for " + encType);
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + encType + "]";
  }
}
