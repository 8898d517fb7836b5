package dev.krb5gss.token;

import dev.krb5gss.crypto.CipherKey;
import dev.krb5gss.error.InternalFaultException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of RFC 4757 §7.2-§7.3 per-message tokens, derived once from the context key:
 * Ksign = HMAC-MD5(key, "signaturekey\0") for SGN_CKSUM (§4), the sequence base
 * HMAC-MD5(key, 0 as 4 bytes) and the sealing base HMAC-MD5(key XOR F0, 0 as 4 bytes); the RC4 keys
 * are those bases keyed again with SGN_CKSUM (for SND_SEQ) or the sequence number (for sealing).
 *
 * <p>Secrets: every byte array this class owns — the copies of the context key, the three
 * derived bases as computed, each per-message RC4 key, the decrypted buffer of {@link #seal} —
 * is zeroed in a {@code finally} once used, and each per-message RC4 engine is re-keyed with a
 * public dummy key before it is dropped, which overwrites its key schedule (the RC4 state) in
 * place. What remains, and cannot be zeroed from here: the copies {@link SecretKeySpec} makes
 * of Ksign and the two bases (held for the context's life; {@code SecretKeySpec.destroy()} is not
 * implemented), the copy of the context key inside the transient HMAC key of each derivation,
 * and the key copies JCE {@code Mac}/{@code Cipher} engines keep until re-keyed or collected
 * (including the SunJCE RC4 engine's saved copy of the last key, replaced but not zeroed by the
 * dummy re-key). The rc4-hmac enctype is off by default ({@code EnctypePolicy}).
 */
final class Rc4Keys {
  private static final byte[] SIGNATURE_KEY =
      "signaturekey\0".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ZERO = new byte[4];
  /** A public key to re-key a used RC4 engine with. */
  private static final SecretKey DUMMY_RC4_KEY = new SecretKeySpec(new byte[16], "ARCFOUR");

  private final SecretKey ksign;
  private final SecretKey seqBase;
  private final SecretKey sealBase;

  Rc4Keys(CipherKey key) {
    byte[] k = key.secret().toByteArray();
    byte[] x = k.clone();
    for (int i = 0; i < x.length; i++) {
      x[i] ^= (byte) 0xf0;
    }
    try {
      ksign = derivedKey(k, SIGNATURE_KEY);
      seqBase = derivedKey(k, ZERO);
      sealBase = derivedKey(x, ZERO);
    } finally {
      Arrays.fill(k, (byte) 0);
      Arrays.fill(x, (byte) 0);
    }
  }

  /** HMAC-MD5(key, data) as an HMAC key; the computed bytes are zeroed once copied into it. */
  private static SecretKey derivedKey(byte[] key, byte[] data) {
    byte[] derived = mac(hmacKey(key)).doFinal(data);
    try {
      return hmacKey(derived);
    } finally {
      Arrays.fill(derived, (byte) 0);
    }
  }

  /**
   * SGN_CKSUM, RFC 4757 §4 truncated to 8 bytes: HMAC-MD5(Ksign, MD5(usage LE32 || the 8 header
   * bytes || data)).
   */
  byte[] checksum(int usage, byte[] header, int headerOff, byte[] data, int off, int len) {
    MessageDigest md5 = md5();
    md5.update(new byte[] {(byte) usage, (byte) (usage >>> 8), (byte) (usage >>> 16),
        (byte) (usage >>> 24)});
    md5.update(header, headerOff, 8);
    md5.update(data, off, len);
    return Arrays.copyOf(mac(ksign).doFinal(md5.digest()), 8);
  }

  /** RC4 under HMAC-MD5(seqBase, SGN_CKSUM at {@code t[cksumOff..+8)}) of 8 bytes at {@code in}. */
  byte[] cryptSeq(byte[] t, int cksumOff, byte[] in, int inOff) {
    Mac mac = mac(seqBase);
    mac.update(t, cksumOff, 8);
    return rc4(mac.doFinal(), in, inOff, 8);
  }

  /** RC4 under HMAC-MD5(sealBase, big-endian {@code seq}) of {@code buf[off..off+len)}, in place. */
  void seal(byte[] seq, byte[] buf, int off, int len) {
    byte[] out = rc4(mac(sealBase).doFinal(seq), buf, off, len);
    try {
      System.arraycopy(out, 0, buf, off, len);
    } finally {
      Arrays.fill(out, (byte) 0);
    }
  }

  /**
   * RC4 of {@code in[off..off+len)} under {@code key}, which this call owns: zeroed before it
   * returns, and the engine re-keyed with a dummy key so its state no longer derives from it.
   */
  static byte[] rc4(byte[] key, byte[] in, int off, int len) {
    Cipher c = null;
    try {
      c = Cipher.getInstance("ARCFOUR");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ARCFOUR"));
      return c.doFinal(in, off, len);
    } catch (GeneralSecurityException e) {
      throw new InternalFaultException("RC4 failed", e);
    } finally {
      Arrays.fill(key, (byte) 0);
      scrub(c);
    }
  }

  private static void scrub(Cipher c) {
    if (c != null) {
      try {
        c.init(Cipher.ENCRYPT_MODE, DUMMY_RC4_KEY);
      } catch (GeneralSecurityException e) {
        throw new InternalFaultException("RC4 refused the dummy key", e);
      }
    }
  }

  private static SecretKey hmacKey(byte[] key) {
    return new SecretKeySpec(key, "HmacMD5");
  }

  private static Mac mac(SecretKey key) {
    try {
      Mac mac = Mac.getInstance("HmacMD5");
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new InternalFaultException("HMAC-MD5 is unavailable", e);
    }
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (GeneralSecurityException e) {
      throw new InternalFaultException("MD5 is unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "Rc4Keys[redacted]";
  }
}
