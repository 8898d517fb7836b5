package dev.krb5gss.interop;

/**
 * The enctype lists handed to {@code kadmin.local -e}, in MIT's {@code enctype:salt} syntax.
 * The enctypes are RFC 3962 (aes-sha1), RFC 8009 (aes-sha2) and RFC 4757 (rc4-hmac).
 */
public final class MitEnctypes {
  /** RFC 3962: aes256-cts-hmac-sha1-96 and aes128-cts-hmac-sha1-96. */
  public static final String AES_SHA1 =
      "aes256-cts-hmac-sha1-96:normal,aes128-cts-hmac-sha1-96:normal";
  /** RFC 8009: aes256-cts-hmac-sha384-192 and aes128-cts-hmac-sha256-128. */
  public static final String AES_SHA2 =
      "aes256-cts-hmac-sha384-192:normal,aes128-cts-hmac-sha256-128:normal";
  /** RFC 4757: rc4-hmac, deprecated (RFC 8429) and off by default in acceptors. */
  public static final String RC4 = "arcfour-hmac:normal";

  private MitEnctypes() {}
}
