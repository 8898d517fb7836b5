package dev.krb5gss.crypto;

/**
 * The two keys derived from one protocol key for encryption under one key usage (RFC 3961 §5.3 /
 * RFC 8009 §5): Ke (encryption) and Ki (integrity). Computed once per protocol key and usage and
 * cached in its {@link CipherKey}; the checksum key Kc is derived and cached apart, only when a
 * checksum is made under that usage.
 */
final class UsageKeys {
  final WipeableKey ke;
  final WipeableKey ki;

  UsageKeys(WipeableKey ke, WipeableKey ki) {
    this.ke = ke;
    this.ki = ki;
  }

  /** Zeroes Ke and Ki. */
  void destroy() {
    ke.destroy();
    ki.destroy();
  }

  @Override
  public String toString() {
    return "UsageKeys[redacted]";
  }
}
