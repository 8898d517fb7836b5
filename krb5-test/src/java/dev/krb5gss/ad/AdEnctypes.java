package dev.krb5gss.ad;

/**
 * Values of an account's {@code msDS-SupportedEncryptionTypes} (MS-KILE §2.2.7): which key types
 * the KDC issues service tickets in and which keys a password change derives.
 */
public final class AdEnctypes {
  /** RC4-HMAC (RFC 4757) only, as accounts without AES keys are. */
  public static final int RC4_ONLY = 0x4;
  /** AES128 and AES256 (RFC 3962). */
  public static final int AES = 0x8 | 0x10;
  /** RC4, AES128 and AES256. */
  public static final int AES_AND_RC4 = RC4_ONLY | AES;

  private AdEnctypes() {}
}
