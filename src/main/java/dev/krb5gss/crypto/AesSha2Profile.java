package dev.krb5gss.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * aes128-cts-hmac-sha256-128 (19) and aes256-cts-hmac-sha384-192 (20), RFC 8009: keys derived
 * with KDF-HMAC-SHA2 (§3), encryption AES-CTS then HMAC over IV | ciphertext (§5), checksums
 * HMAC-SHA-256-128 / HMAC-SHA-384-192, PBKDF2-HMAC-SHA2 string-to-key (§4), PRF (§5).
 */
final class AesSha2Profile extends AesProfile {
  static final int DEFAULT_ITERATIONS = 32768;
  private static final byte[] KERBEROS = "kerberos".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PRF = "prf".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NO_CONTEXT = new byte[0];

  private final int macBits;
  private final int prfBits;

  private AesSha2Profile(EncType encType, int keyLength, String hmac, int macLength,
      int checksumType) {
    super(encType, keyLength, hmac, macLength, checksumType);
    this.macBits = macLength * 8;
    this.prfBits = hmac.equals("HmacSHA256") ? 256 : 384;
  }

  static AesSha2Profile aes128() {
    return new AesSha2Profile(EncType.AES128_CTS_HMAC_SHA256_128, 16, "HmacSHA256", 16, 19);
  }

  static AesSha2Profile aes256() {
    return new AesSha2Profile(EncType.AES256_CTS_HMAC_SHA384_192, 32, "HmacSHA384", 24, 20);
  }

  @Override
  UsageKeys deriveUsageKeys(SecretKey protocolKey, int usage) {
    byte[] ke = kdf(protocolKey, AesSha1Profile.usageConstant(usage, 0xAA), NO_CONTEXT,
        keyLength() * 8);
    byte[] ki = kdf(protocolKey, AesSha1Profile.usageConstant(usage, 0x55), NO_CONTEXT, macBits);
    return new UsageKeys(new WipeableKey(ke, "AES"), new WipeableKey(ki, hmacAlgorithm()));
  }

  @Override
  WipeableKey deriveChecksumKey(SecretKey protocolKey, int usage) {
    byte[] kc = kdf(protocolKey, AesSha1Profile.usageConstant(usage, 0x99), NO_CONTEXT, macBits);
    return new WipeableKey(kc, hmacAlgorithm());
  }

  @Override
  String derivationAlgorithm() {
    return hmacAlgorithm();
  }

  @Override
  boolean macCoversCiphertext() {
    return true;
  }

  @Override
  WipeableKey derivePrfKey(byte[] protocolKey) {
    return WipeableKey.copyOf(protocolKey, hmacAlgorithm());
  }

  /** RFC 8009 §5: PRF = KDF-HMAC-SHA2(key, "prf", input, 256 or 384). */
  @Override
  byte[] prf(SecretKey prfKey, byte[] input) {
    return kdf(prfKey, PRF, input, prfBits);
  }

  @Override
  public CipherKey stringToKey(byte[] password, byte[] salt, int iterations) {
    int count = iterations > 0 ? iterations : DEFAULT_ITERATIONS;
    byte[] name = encType().mitName().getBytes(StandardCharsets.US_ASCII);
    byte[] saltp = new byte[name.length + 1 + salt.length];
    System.arraycopy(name, 0, saltp, 0, name.length);
    System.arraycopy(salt, 0, saltp, name.length + 1, salt.length);
    byte[] tkey = Pbkdf2.derive(hmacAlgorithm(), password, saltp, count, keyLength());
    try {
      return key(SecretBytes.wrap(kdf(tkey, KERBEROS, keyLength() * 8)));
    } finally {
      Arrays.fill(tkey, (byte) 0);
    }
  }

  /** KDF-HMAC-SHA2(key, label, k) of RFC 8009 §3, without context. */
  byte[] kdf(byte[] key, byte[] label, int bits) {
    WipeableKey k = WipeableKey.copyOf(key, hmacAlgorithm());
    try {
      return kdf(k, label, NO_CONTEXT, bits);
    } finally {
      k.destroy();
    }
  }

  /**
   * KDF-HMAC-SHA2(key, label, context, k) = k-truncate(HMAC(key, 00000001 | label | 00 | context
   * | k)), k in bits as a 4-byte big-endian number; one HMAC block always suffices here.
   */
  private byte[] kdf(SecretKey key, byte[] label, byte[] context, int bits) {
    Mac mac = Jce.mac(hmacAlgorithm(), key);
    mac.update(new byte[] {0, 0, 0, 1});
    mac.update(label);
    mac.update((byte) 0);
    mac.update(context);
    mac.update(new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8),
        (byte) bits});
    return Arrays.copyOf(mac.doFinal(), bits / 8);
  }
}
