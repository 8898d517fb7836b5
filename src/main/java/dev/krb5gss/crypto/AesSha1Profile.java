package dev.krb5gss.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import dev.krb5gss.error.InternalFaultException;

/**
 * aes128-cts-hmac-sha1-96 (17) and aes256-cts-hmac-sha1-96 (18), RFC 3962: keys derived with the
 * RFC 3961 §5.1 DK function (n-fold, then AES in feedback), HMAC-SHA1-96 over the plaintext,
 * PBKDF2-HMAC-SHA1 string-to-key (§4), PRF of §6.
 */
final class AesSha1Profile extends AesProfile {
  static final int DEFAULT_ITERATIONS = 4096;
  private static final byte[] KERBEROS = "kerberos".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PRF = "prf".getBytes(StandardCharsets.US_ASCII);
  private static final ConcurrentHashMap<Long, byte[]> FOLDED = new ConcurrentHashMap<>();

  private AesSha1Profile(EncType encType, int keyLength, int checksumType) {
    super(encType, keyLength, "HmacSHA1", 12, checksumType);
  }

  static AesSha1Profile aes128() {
    return new AesSha1Profile(EncType.AES128_CTS_HMAC_SHA1_96, 16, 15);
  }

  static AesSha1Profile aes256() {
    return new AesSha1Profile(EncType.AES256_CTS_HMAC_SHA1_96, 32, 16);
  }

  @Override
  UsageKeys deriveUsageKeys(SecretKey protocolKey, int usage) {
    return new UsageKeys(
        new WipeableKey(dk(protocolKey, foldedUsageConstant(usage, 0xAA)), "AES"),
        new WipeableKey(dk(protocolKey, foldedUsageConstant(usage, 0x55)), "HmacSHA1"));
  }

  @Override
  WipeableKey deriveChecksumKey(SecretKey protocolKey, int usage) {
    return new WipeableKey(dk(protocolKey, foldedUsageConstant(usage, 0x99)), "HmacSHA1");
  }

  @Override
  String derivationAlgorithm() {
    return "AES";
  }

  @Override
  boolean macCoversCiphertext() {
    return false;
  }

  @Override
  WipeableKey derivePrfKey(byte[] protocolKey) {
    WipeableKey key = WipeableKey.copyOf(protocolKey, "AES");
    try {
      return new WipeableKey(dk(key, PRF), "AES");
    } finally {
      key.destroy();
    }
  }

  /** RFC 3962 §6: the AES encryption of the first block of SHA-1(input) under DK(key, "prf"). */
  @Override
  byte[] prf(SecretKey prfKey, byte[] input) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-1").digest(input);
      return AesCts.encryptBlock(prfKey, Arrays.copyOf(hash, AesCts.BLOCK));
    } catch (NoSuchAlgorithmException e) {
      throw new InternalFaultException("the JDK lacks SHA-1", e);
    }
  }

  @Override
  public CipherKey stringToKey(byte[] password, byte[] salt, int iterations) {
    int count = iterations > 0 ? iterations : DEFAULT_ITERATIONS;
    byte[] tkey = Pbkdf2.derive("HmacSHA1", password, salt, count, keyLength());
    WipeableKey key = new WipeableKey(tkey, "AES");
    try {
      return key(SecretBytes.wrap(dk(key, KERBEROS)));
    } finally {
      key.destroy(); // zeroes tkey, which it owns
    }
  }

  /**
   * DK(key, constant) of RFC 3961 §5.1: the constant n-folded to one block, then encrypted
   * repeatedly (each output the next input) until there are key-length bytes; AES's
   * random-to-key is the identity.
   */
  byte[] dk(SecretKey key, byte[] constant) {
    byte[] block = constant.length == AesCts.BLOCK ? constant
        : NFold.fold(constant, AesCts.BLOCK);
    byte[] out = new byte[keyLength()]; // 16 or 32: whole blocks, each the next one's input
    AesCts.encryptBlock(key, block, 0, out, 0);
    for (int done = AesCts.BLOCK; done < out.length; done += AesCts.BLOCK) {
      AesCts.encryptBlock(key, out, done - AesCts.BLOCK, out, done);
    }
    return out;
  }

  /**
   * The usage constant n-folded to one block; a pure function of (usage, kind), so computed once
   * per pair (key usages are our own constants, a handful).
   */
  private static byte[] foldedUsageConstant(int usage, int kind) {
    if (usage >= 0 && usage < SMALL_USAGES && (kind == 0xAA || kind == 0x55 || kind == 0x99)) {
      return SMALL[slot(usage, kind)];
    }
    return FOLDED.computeIfAbsent(((long) usage << 8) | kind,
        k -> NFold.fold(usageConstant(usage, kind), AesCts.BLOCK));
  }

  /**
   * Folded constants of usages 0..63 (every usage of RFC 4120 and RFC 4121) for the three kinds,
   * computed at class initialization (safely published, looked up without boxing).
   */
  private static final int SMALL_USAGES = 64;
  private static final byte[][] SMALL = new byte[SMALL_USAGES * 3][];

  static {
    for (int usage = 0; usage < SMALL_USAGES; usage++) {
      for (int kind : new int[] {0xAA, 0x55, 0x99}) {
        SMALL[slot(usage, kind)] = NFold.fold(usageConstant(usage, kind), AesCts.BLOCK);
      }
    }
  }

  private static int slot(int usage, int kind) {
    return usage * 3 + (kind == 0xAA ? 0 : kind == 0x55 ? 1 : 2);
  }

  static byte[] usageConstant(int usage, int kind) {
    return new byte[] {(byte) (usage >>> 24), (byte) (usage >>> 16), (byte) (usage >>> 8),
        (byte) usage, (byte) kind};
  }
}
