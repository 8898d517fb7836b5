package dev.krb5gss.crypto;

import javax.crypto.spec.SecretKeySpec;

/**
 * The two keys derived from one protocol key for encryption under one key usage (RFC 3961 §5.3 /
 * RFC 8009 §5): Ke (encryption) and Ki (integrity). Computed once per protocol key and usage and
 * cached in its {@link CipherKey}; the checksum key Kc is derived and cached apart, only when a
 * checksum is made under that usage.
 */
final class UsageKeys {
  final SecretKeySpec ke;
  final SecretKeySpec ki;

  UsageKeys(SecretKeySpec ke, SecretKeySpec ki) {
    this.ke = ke;
    this.ki = ki;
  }

  /** Wipes Ke and Ki where they are {@link WipeableKey}s (all derived ones are). */
  void destroy() {
    CipherKey.wipe(ke);
    CipherKey.wipe(ki);
  }

  @Override
  public String toString() {
    return "UsageKeys[redacted]";
  }
}
