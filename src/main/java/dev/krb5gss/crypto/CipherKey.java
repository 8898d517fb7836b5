package dev.krb5gss.crypto;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A protocol key bound to its enctype, with the keys derived from it per key usage (RFC 3961
 * §5.1 Ke/Ki/Kc, RFC 8009 §5) computed once and reused. Thread-safe. Obtain one from
 * {@link CryptoProfile#key(SecretBytes)}.
 */
public final class CipherKey {
  private final EncType encType;
  private final SecretBytes secret;
  private final ConcurrentHashMap<Integer, Object> derived = new ConcurrentHashMap<>();

  CipherKey(EncType encType, SecretBytes secret) {
    this.encType = encType;
    this.secret = secret;
  }

  public EncType encType() {
    return encType;
  }

  /** The protocol key itself (e.g. to hand a session key to a caller as a secret). */
  public SecretBytes secret() {
    return secret;
  }

  /**
   * The value derived for {@code slot} (a profile-defined function of the key usage), computed by
   * {@code derive} on first use and cached for the life of the key.
   */
  @SuppressWarnings("unchecked")
  <T> T derived(int slot, Function<Integer, T> derive) {
    Object v = derived.get(slot);
    if (v == null) {
      v = derived.computeIfAbsent(slot, s -> derive.apply(s));
    }
    return (T) v;
  }

  /**
   * Wipes the protocol key, then zeroes and drops the derived keys (Ke/Ki/Kc, the PRF key, rc4's
   * K1 and Ksign: every derived key is a {@link WipeableKey}), in that order, so a derivation
   * racing with this call fails instead of caching a key that outlives it. What it cannot wipe:
   * a key schedule inside a per-thread JCE engine last keyed with one of these keys, until that
   * engine is keyed again (see {@link WipeableKey}).
   */
  public void destroy() {
    secret.destroy();
    for (Object v : derived.values()) {
      if (v instanceof UsageKeys) {
        ((UsageKeys) v).destroy();
      } else {
        wipe(v);
      }
    }
    derived.clear();
  }

  static void wipe(Object key) {
    if (key instanceof WipeableKey) {
      ((WipeableKey) key).destroy();
    }
  }

  /** True once {@link #destroy()} has run: the key must not be used any more. */
  public boolean isDestroyed() {
    return secret.isDestroyed();
  }

  @Override
  public String toString() {
    return "CipherKey[" + encType + ", redacted]";
  }
}
