package dev.krb5gss.crypto;

import dev.krb5gss.error.InternalFaultException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;

/**
 * rc4-hmac (23), RFC 4757 §3-§5: key usages translated to Microsoft's numbers, K1 =
 * HMAC-MD5(key, usage), checksum = HMAC-MD5(K1, confounder | plaintext), K3 = HMAC-MD5(K1,
 * checksum), RC4 under K3; keyed checksums are HMAC-MD5 (checksum type -138). Weak and off by
 * default ({@link EnctypePolicy}); the "exportable" variant (24) is not implemented.
 */
final class Rc4HmacProfile implements CryptoProfile {
  private static final int CONFOUNDER = 8;
  private static final int MAC = 16;
  private static final byte[] SIGNATURE_KEY =
      "signaturekey\0".getBytes(StandardCharsets.US_ASCII);
  private static final DerivedKeyId KSIGN = DerivedKeyId.of(DerivedKeyId.Kind.RC4_KSIGN);
  /** The derivations, held once so a cached lookup allocates nothing. */
  private static final CipherKey.Derivation<WipeableKey> K1 = (key, usage) -> new WipeableKey(
      Jce.hmac("HmacMD5", key.secret().unsafeBytes(), le32(msUsage(usage))), "HmacMD5");
  private static final CipherKey.Derivation<WipeableKey> SIGN = (key, unused) -> new WipeableKey(
      Jce.hmac("HmacMD5", key.secret().unsafeBytes(), SIGNATURE_KEY), "HmacMD5");

  @Override
  public EncType encType() {
    return EncType.RC4_HMAC;
  }

  @Override
  public int keyLength() {
    return 16;
  }

  @Override
  public int checksumType() {
    return -138;
  }

  @Override
  public int checksumLength() {
    return MAC;
  }

  @Override
  public int encryptionOverhead() {
    return CONFOUNDER + MAC;
  }

  @Override
  public CipherKey key(SecretBytes protocolKey) {
    if (protocolKey.length() != 16) {
      throw new IllegalArgumentException("rc4-hmac needs a 16-byte key, got "
          + protocolKey.length() + " bytes");
    }
    return new CipherKey(EncType.RC4_HMAC, protocolKey);
  }

  @Override
  public CipherKey randomKey() {
    return new CipherKey(EncType.RC4_HMAC, SecretBytes.wrap(Jce.random(16)));
  }

  /** RFC 4757 §3: the usage numbers Microsoft uses in place of RFC 4120's. */
  static int msUsage(int usage) {
    switch (usage) {
      case 3: return 8;
      case 9: return 8;
      case 23: return 13;
      default: return usage;
    }
  }

  private static WipeableKey k1(CipherKey key, int usage) {
    return key.derived(DerivedKeyId.of(DerivedKeyId.Kind.RC4_K1, usage), K1);
  }

  @Override
  public byte[] encrypt(CipherKey key, int usage, byte[] plaintext, int offset, int length) {
    return encrypt(key, usage, Jce.random(CONFOUNDER), plaintext, offset, length);
  }

  /** Encryption with an explicit confounder, for tests. */
  byte[] encrypt(CipherKey key, int usage, byte[] confounder, byte[] plaintext, int offset,
      int length) {
    SecretKey k1 = k1(key, usage);
    byte[] plain = new byte[CONFOUNDER + length];
    System.arraycopy(confounder, 0, plain, 0, CONFOUNDER);
    System.arraycopy(plaintext, offset, plain, CONFOUNDER, length);
    byte[] checksum = Jce.mac("HmacMD5", k1).doFinal(plain);
    byte[] out = Arrays.copyOf(checksum, MAC + plain.length);
    WipeableKey k3 = k3(k1, checksum);
    try {
      rc4(k3, plain, 0, plain.length, out, MAC);
    } finally {
      k3.destroy();
      Arrays.fill(plain, (byte) 0);
    }
    return out;
  }

  @Override
  public byte[] decrypt(CipherKey key, int usage, byte[] ciphertext, int offset, int length)
      throws IntegrityException {
    if (length < CONFOUNDER + MAC) {
      throw new IntegrityException("ciphertext of " + length + " bytes is shorter than the "
          + (CONFOUNDER + MAC) + " bytes of checksum and confounder for rc4-hmac");
    }
    SecretKey k1 = k1(key, usage);
    byte[] checksum = Arrays.copyOfRange(ciphertext, offset, offset + MAC);
    byte[] plain = new byte[length - MAC];
    WipeableKey k3 = k3(k1, checksum);
    try {
      rc4(k3, ciphertext, offset + MAC, plain.length, plain, 0);
    } finally {
      k3.destroy();
    }
    if (!MessageDigest.isEqual(Jce.mac("HmacMD5", k1).doFinal(plain), checksum)) {
      Arrays.fill(plain, (byte) 0);
      throw new IntegrityException("integrity check failed for rc4-hmac");
    }
    try {
      return Arrays.copyOfRange(plain, CONFOUNDER, plain.length);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /** RFC 4757 §4: HMAC-MD5(Ksign, MD5(usage | data)), Ksign = HMAC-MD5(key, "signaturekey\0"). */
  @Override
  public byte[] checksum(CipherKey key, int usage, byte[] data, int offset, int length) {
    WipeableKey ksign = key.derived(KSIGN, SIGN);
    MessageDigest md5 = md5();
    md5.update(le32(msUsage(usage)));
    md5.update(data, offset, length);
    return Jce.mac("HmacMD5", ksign).doFinal(md5.digest());
  }

  /** RFC 4757 §2: MD4 of the UTF-16LE pass phrase; salt and iterations are not used. */
  @Override
  public CipherKey stringToKey(byte[] password, byte[] salt, int iterations) {
    byte[] unicode = new String(password, StandardCharsets.UTF_8)
        .getBytes(StandardCharsets.UTF_16LE);
    try {
      return key(SecretBytes.wrap(Md4.digest(unicode)));
    } finally {
      Arrays.fill(unicode, (byte) 0);
    }
  }

  /** The rc4-hmac PRF as MIT and Heimdal implement it: HMAC-SHA1(key, input). */
  @Override
  public byte[] prf(CipherKey key, byte[] input) {
    return Jce.hmac("HmacSHA1", key.secret().unsafeBytes(), input);
  }

  /** K3 = HMAC-MD5(K1, checksum), a per-message key the caller destroys after use. */
  private static WipeableKey k3(SecretKey k1, byte[] checksum) {
    return new WipeableKey(Jce.mac("HmacMD5", k1).doFinal(checksum), "ARCFOUR");
  }

  /** RC4 of {@code len} bytes under {@code key}, leaving the engine keyed with a dummy key. */
  static void rc4(SecretKey key, byte[] in, int off, int len, byte[] out, int outOff) {
    try {
      Cipher rc4 = Jce.rc4();
      rc4.init(Cipher.ENCRYPT_MODE, key);
      rc4.doFinal(in, off, len, out, outOff);
    } catch (GeneralSecurityException e) {
      throw new InternalFaultException("RC4 failed", e);
    } finally {
      Jce.scrubRc4(); // the engine would keep this per-message key until its next use
    }
  }

  static byte[] le32(int v) {
    return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (GeneralSecurityException e) {
      throw new InternalFaultException("the JDK lacks MD5", e);
    }
  }

  @Override
  public String toString() {
    return "Rc4HmacProfile[rc4-hmac(23)]";
  }
}
