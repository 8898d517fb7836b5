package dev.krb5gss.crypto;

import javax.crypto.spec.SecretKeySpec;

/**
 * The three keys derived from one protocol key for one key usage (RFC 3961 §5.3 / RFC 8009 §5):
 * Ke (encryption), Ki (integrity of ciphertexts) and Kc (keyed checksums). Computed once per
 * protocol key and usage and cached in its {@link CipherKey}.
 */
final class UsageKeys {
  final SecretKeySpec ke;
  final SecretKeySpec ki;
  final SecretKeySpec kc;

  UsageKeys(SecretKeySpec ke, SecretKeySpec ki, SecretKeySpec kc) {
    this.ke = ke;
    this.ki = ki;
    this.kc = kc;
  }

  @Override
  public String toString() {
    return "UsageKeys[redacted]";
  }
}
