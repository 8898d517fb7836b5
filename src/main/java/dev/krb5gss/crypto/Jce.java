package dev.krb5gss.crypto;

import dev.krb5gss.error.InternalFaultException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Per-thread javax.crypto engines: {@code Cipher.getInstance}/{@code Mac.getInstance} cost more
 * than the work for a small message, so each thread keeps one engine per algorithm and only
 * re-keys it. Engines never leave the calling thread.
 */
final class Jce {
  static final SecureRandom RANDOM = new SecureRandom();

  private static final ThreadLocal<Cipher> AES_CBC = cipher("AES/CBC/NoPadding");
  private static final ThreadLocal<Cipher> AES_ECB = cipher("AES/ECB/NoPadding");
  private static final ThreadLocal<Cipher> RC4 = cipher("ARCFOUR");
  private static final ThreadLocal<Mac> HMAC_SHA1 = mac("HmacSHA1");
  private static final ThreadLocal<Mac> HMAC_SHA256 = mac("HmacSHA256");
  private static final ThreadLocal<Mac> HMAC_SHA384 = mac("HmacSHA384");
  private static final ThreadLocal<Mac> HMAC_MD5 = mac("HmacMD5");

  private Jce() {}

  static Cipher aesCbc() {
    return AES_CBC.get();
  }

  static Cipher aesEcb() {
    return AES_ECB.get();
  }

  static Cipher rc4() {
    return RC4.get();
  }

  /** The per-thread Mac for {@code algorithm}, keyed with {@code key}. */
  static Mac mac(String algorithm, SecretKeySpec key) {
    Mac mac = macFor(algorithm);
    try {
      mac.init(key);
    } catch (GeneralSecurityException e) {
      throw new InternalFaultException(algorithm + " refused a key", e);
    }
    return mac;
  }

  /** HMAC of {@code data} with raw key bytes (for key derivation, not per message). */
  static byte[] hmac(String algorithm, byte[] key, byte[]... data) {
    Mac mac = mac(algorithm, new SecretKeySpec(key, algorithm));
    for (byte[] d : data) {
      mac.update(d);
    }
    return mac.doFinal();
  }

  static byte[] random(int length) {
    byte[] b = new byte[length];
    RANDOM.nextBytes(b);
    return b;
  }

  private static Mac macFor(String algorithm) {
    switch (algorithm) {
      case "HmacSHA1": return HMAC_SHA1.get();
      case "HmacSHA256": return HMAC_SHA256.get();
      case "HmacSHA384": return HMAC_SHA384.get();
      case "HmacMD5": return HMAC_MD5.get();
      default: throw new InternalFaultException("no HMAC engine for " + algorithm);
    }
  }

  private static ThreadLocal<Cipher> cipher(String transformation) {
    return ThreadLocal.withInitial(() -> {
      try {
        return Cipher.getInstance(transformation);
      } catch (GeneralSecurityException e) {
        throw new InternalFaultException("the JDK lacks " + transformation, e);
      }
    });
  }

  private static ThreadLocal<Mac> mac(String algorithm) {
    return ThreadLocal.withInitial(() -> {
      try {
        return Mac.getInstance(algorithm);
      } catch (GeneralSecurityException e) {
        throw new InternalFaultException("the JDK lacks " + algorithm, e);
      }
    });
  }
}
