package dev.krb5gss.crypto;

/**
 * A protocol key bound to its enctype, with the keys derived from it (RFC 3961 §5.1 Ke/Ki/Kc,
 * RFC 8009 §5, RFC 4757 §3-§4 K1/Ksign) computed once per {@link DerivedKeyId} (kind, usage) and
 * reused. Thread-safe. Obtain one from {@link CryptoProfile#key(SecretBytes)}.
 *
 * <p>{@link #destroy()} zeroes the protocol key and every derived key's bytes (each is a
 * {@link WipeableKey}, which owns the only copy of its bytes), as MIT's {@code krb5_k_free_key}
 * frees derived keys with the key. What it cannot wipe is listed in the package README.
 */
public final class CipherKey {
  private final EncType encType;
  private final SecretBytes secret;
  private static final Object[] NONE = {};
  /** A session key's protocol key and Ke/Ki of two usages (authenticator, AP-REP): 3 entries. */
  private static final int INITIAL_SLOTS = 6;
  /**
   * The derived keys: id, key, id, key..., then free (null) slots. A key has a handful (a
   * session key: its protocol key and two usages' Ke/Ki), so a scanned array filled in place and
   * replaced by a larger copy when full (under this object's lock) costs less than a map, and
   * nothing for a key that derives none (an acceptor subkey never used).
   */
  private volatile Object[] derived = NONE;

  /** A service's key (from a keytab), used by every accept: see {@link WipeableKey#longTerm()}. */
  private final boolean longTerm;

  CipherKey(EncType encType, SecretBytes secret) {
    this(encType, secret, false);
  }

  CipherKey(EncType encType, SecretBytes secret, boolean longTerm) {
    this.encType = encType;
    this.secret = secret;
    this.longTerm = longTerm;
  }

  /** True for a long-term key (see {@link CryptoProfile#longTermKey}). */
  public boolean isLongTerm() {
    return longTerm;
  }

  /** How a profile derives one kind of key from a protocol key for a usage. */
  @FunctionalInterface
  interface Derivation<T> {
    T derive(CipherKey key, int usage);
  }

  public EncType encType() {
    return encType;
  }

  /** The protocol key itself (e.g. to hand a session key to a caller as a secret). */
  public SecretBytes secret() {
    return secret;
  }

  /**
   * The key {@code id} names, computed by {@code derivation} on first use and cached for the life
   * of the key. Allocation-free once cached (pass an interned id and a derivation held in a field).
   */
  @SuppressWarnings("unchecked")
  <T> T derived(DerivedKeyId id, Derivation<T> derivation) {
    Object v = find(derived, id);
    if (v == null) {
      // Derived outside the lock: a derivation looks up the protocol key in this same table.
      Object fresh = derivation.derive(this, id.usage());
      if (longTerm) {
        markLongTerm(fresh); // before it is published in the table below
      }
      synchronized (this) {
        if (secret.isDestroyed()) { // destroy() ran meanwhile: cache nothing that outlives it
          wipe(fresh);
          throw new IllegalStateException("key material was destroyed");
        }
        Object[] table = derived;
        v = find(table, id);
        if (v == null) {
          int n = 0;
          while (n < table.length && table[n] != null) {
            n += 2;
          }
          if (n == table.length) { // full (or NONE): a larger copy, room for three keys at first
            table = java.util.Arrays.copyOf(table, Math.max(INITIAL_SLOTS, table.length + 2));
          }
          // Value before id, then the volatile write: a reader that finds the id but not yet
          // the value sees a miss and comes here, where the lock shows it the value.
          table[n + 1] = fresh;
          table[n] = id;
          derived = table;
          v = fresh;
        } else {
          wipe(fresh); // another thread cached the same key first
        }
      }
    }
    return (T) v;
  }

  /** The value cached for {@code id}, or null (also for a slot being filled). */
  private static Object find(Object[] table, DerivedKeyId id) {
    for (int i = 0; i < table.length; i += 2) {
      Object k = table[i];
      if (k == null) {
        return null; // the free slots are at the end
      }
      if (k == id || k.equals(id)) {
        return table[i + 1];
      }
    }
    return null;
  }

  /**
   * Wipes the protocol key, then zeroes and drops the derived keys, in that order, so a
   * derivation racing with this call fails instead of caching a key that outlives it; then
   * re-keys this thread's JCE engines that were keyed with one of them. Engines of other threads
   * keep such a key schedule until they are keyed again (see {@link Jce}).
   */
  public void destroy() {
    secret.destroy();
    Object[] table;
    synchronized (this) {
      table = derived;
      derived = NONE;
    }
    for (int i = 1; i < table.length; i += 2) {
      wipe(table[i]);
    }
    Jce.scrubDestroyedKeys();
  }

  private static void markLongTerm(Object key) {
    if (key instanceof UsageKeys) {
      ((UsageKeys) key).ke.markLongTerm();
      ((UsageKeys) key).ki.markLongTerm();
    } else if (key instanceof WipeableKey) {
      ((WipeableKey) key).markLongTerm();
    }
  }

  private static void wipe(Object key) {
    if (key instanceof UsageKeys) {
      ((UsageKeys) key).destroy();
    } else if (key instanceof WipeableKey) {
      ((WipeableKey) key).destroy();
    }
  }

  /** True once {@link #destroy()} has run: the key must not be used any more. */
  public boolean isDestroyed() {
    return secret.isDestroyed();
  }

  /** The derived keys cached now (tests: to prove {@link #destroy()} wipes them). */
  java.util.List<Object> derivedForTest() {
    Object[] table = derived;
    java.util.List<Object> keys = new java.util.ArrayList<>();
    for (int i = 1; i < table.length; i += 2) {
      if (table[i] != null) {
        keys.add(table[i]);
      }
    }
    return java.util.List.copyOf(keys);
  }

  @Override
  public String toString() {
    return "CipherKey[" + encType + ", redacted]";
  }
}
