package dev.krb5gss.crypto;

import dev.krb5gss.error.InternalFaultException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Per-thread javax.crypto engines: {@code Cipher.getInstance}/{@code Mac.getInstance} cost more
 * than the work for a small message, so each thread keeps one engine per algorithm (and per
 * direction for AES-CBC) and re-keys it only when the key differs from the one it holds (a
 * finished {@code doFinal} leaves an engine as it was after {@code init}: same key, same IV).
 * Engines never leave the calling thread.
 */
final class Jce {
  static final SecureRandom RANDOM = new SecureRandom();

  private static final IvParameterSpec ZERO_IV = new IvParameterSpec(new byte[16]);
  private static final ThreadLocal<Keyed<Cipher>> CBC_ENCRYPT = keyedCipher("AES/CBC/NoPadding");
  private static final ThreadLocal<Keyed<Cipher>> CBC_DECRYPT = keyedCipher("AES/CBC/NoPadding");
  private static final ThreadLocal<Keyed<Cipher>> ECB_DECRYPT = keyedCipher("AES/ECB/NoPadding");
  private static final ThreadLocal<Cipher> AES_ECB = cipher("AES/ECB/NoPadding");
  private static final ThreadLocal<Cipher> RC4 = cipher("ARCFOUR");
  private static final ThreadLocal<Keyed<Mac>> HMAC_SHA1 = mac("HmacSHA1");
  private static final ThreadLocal<Keyed<Mac>> HMAC_SHA256 = mac("HmacSHA256");
  private static final ThreadLocal<Keyed<Mac>> HMAC_SHA384 = mac("HmacSHA384");
  private static final ThreadLocal<Keyed<Mac>> HMAC_MD5 = mac("HmacMD5");

  private Jce() {}

  /** This thread's AES-CBC engine ready to encrypt under {@code key} with a zero IV. */
  static Cipher cbcEncrypt(SecretKeySpec key) throws GeneralSecurityException {
    return CBC_ENCRYPT.get().keyed(key, Cipher.ENCRYPT_MODE, ZERO_IV);
  }

  /** This thread's AES-CBC engine ready to decrypt under {@code key} with a zero IV. */
  static Cipher cbcDecrypt(SecretKeySpec key) throws GeneralSecurityException {
    return CBC_DECRYPT.get().keyed(key, Cipher.DECRYPT_MODE, ZERO_IV);
  }

  /** This thread's AES-ECB engine ready to decrypt under {@code key}. */
  static Cipher ecbDecrypt(SecretKeySpec key) throws GeneralSecurityException {
    return ECB_DECRYPT.get().keyed(key, Cipher.DECRYPT_MODE, null);
  }

  /** After a failure mid-operation: the AES engines may hold partial state, so re-key them. */
  static void forgetAesKeys() {
    CBC_ENCRYPT.get().key = null;
    CBC_DECRYPT.get().key = null;
    ECB_DECRYPT.get().key = null;
  }

  static Cipher aesEcb() {
    return AES_ECB.get();
  }

  static Cipher rc4() {
    return RC4.get();
  }

  /** The per-thread Mac for {@code algorithm}, keyed with {@code key} and reset. */
  static Mac mac(String algorithm, SecretKeySpec key) {
    Keyed<Mac> keyed = macFor(algorithm);
    Mac mac = keyed.engine;
    if (keyed.key == key) {
      mac.reset();
      return mac;
    }
    try {
      keyed.key = null;
      mac.init(key);
      keyed.key = key;
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

  private static Keyed<Mac> macFor(String algorithm) {
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

  private static ThreadLocal<Keyed<Mac>> mac(String algorithm) {
    return ThreadLocal.withInitial(() -> {
      try {
        return new Keyed<>(Mac.getInstance(algorithm));
      } catch (GeneralSecurityException e) {
        throw new InternalFaultException("the JDK lacks " + algorithm, e);
      }
    });
  }

  private static ThreadLocal<Keyed<Cipher>> keyedCipher(String transformation) {
    ThreadLocal<Cipher> plain = cipher(transformation);
    return ThreadLocal.withInitial(() -> new Keyed<>(plain.get()));
  }

  /** An engine and the key (by identity) it was last initialised with, or null. */
  private static final class Keyed<T> {
    final T engine;
    SecretKeySpec key;

    Keyed(T engine) {
      this.engine = engine;
    }

    Cipher keyed(SecretKeySpec k, int mode, IvParameterSpec iv) throws GeneralSecurityException {
      Cipher c = (Cipher) engine;
      if (key != k) {
        key = null;
        if (iv == null) {
          c.init(mode, k);
        } else {
          c.init(mode, k, iv);
        }
        key = k;
      }
      return c;
    }
  }
}
