package dev.krb5gss.bench;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The floor for a Kerberos per-message token: plain javax.crypto AES-CBC plus the enctype's HMAC
 * (SHA-1 over the plaintext for RFC 3962, SHA-256/384 over the ciphertext for RFC 8009) on the
 * same bytes a sealed RFC 4121 Wrap token protects (16-byte confounder, message, 16-byte header),
 * with no token format, no ciphertext stealing and no key derivation.
 */
final class RawAesHmac {
  private final Cipher encrypt;
  private final Cipher decrypt;
  private final Mac mac;
  private final SecretKeySpec aesKey;
  private final IvParameterSpec iv = new IvParameterSpec(new byte[16]);
  private final boolean macOverCiphertext;
  private final byte[] plain;

  RawAesHmac(int enctype, int messageSize) throws GeneralSecurityException {
    int keyLength = enctype == 17 || enctype == 19 ? 16 : 32;
    String hmac = enctype <= 18 ? "HmacSHA1" : enctype == 19 ? "HmacSHA256" : "HmacSHA384";
    SecureRandom random = new SecureRandom();
    byte[] k = new byte[keyLength];
    random.nextBytes(k);
    aesKey = new SecretKeySpec(k, "AES");
    byte[] ki = new byte[enctype == 20 ? 24 : 16];
    random.nextBytes(ki);
    encrypt = Cipher.getInstance("AES/CBC/NoPadding");
    decrypt = Cipher.getInstance("AES/CBC/NoPadding");
    mac = Mac.getInstance(hmac);
    mac.init(new SecretKeySpec(ki, hmac));
    macOverCiphertext = enctype >= 19;
    plain = new byte[16 + ((messageSize + 15) / 16) * 16 + 16];
    random.nextBytes(plain);
  }

  /** Encrypt + MAC, then decrypt + MAC + compare: the work of a sealed wrap and unwrap. */
  byte[] wrapUnwrap() throws GeneralSecurityException {
    encrypt.init(Cipher.ENCRYPT_MODE, aesKey, iv);
    byte[] c = encrypt.doFinal(plain);
    byte[] tag = mac.doFinal(macOverCiphertext ? c : plain);
    decrypt.init(Cipher.DECRYPT_MODE, aesKey, iv);
    byte[] p = decrypt.doFinal(c);
    byte[] check = mac.doFinal(macOverCiphertext ? c : p);
    if (!MessageDigest.isEqual(tag, check)) {
      throw new IllegalStateException("MAC mismatch");
    }
    return p;
  }

  /** MAC over message + 16-byte header, twice: the work of getMIC and verifyMIC. */
  byte[] micTwice(byte[] msg) {
    mac.update(msg);
    mac.update(plain, 0, 16);
    byte[] tag = mac.doFinal();
    mac.update(msg);
    mac.update(plain, 0, 16);
    if (!MessageDigest.isEqual(tag, mac.doFinal())) {
      throw new IllegalStateException("MAC mismatch");
    }
    return tag;
  }
}
