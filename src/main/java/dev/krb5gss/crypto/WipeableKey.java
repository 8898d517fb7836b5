package dev.krb5gss.crypto;

import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * A derived JCA key (Ke, Ki, Kc, the PRF key, rc4's K1 and Ksign; RFC 3961 §5.1, RFC 8009 §5,
 * RFC 4757 §4) whose bytes can be wiped. {@code SecretKeySpec.destroy()} cannot: it throws
 * {@code DestroyFailedException} and keeps a private copy. This key owns the only copy of its
 * bytes (no {@code SecretKeySpec} underneath, whose constructor would copy them, or a placeholder,
 * per derived key), hands the JCE engines a fresh copy from {@link #getEncoded()} (which they
 * wipe after keying; they accept any {@code SecretKey} in the RAW format), and zeroes its bytes on
 * {@link #destroy()}.
 *
 * <p>What stays after a wipe: the key schedule inside a JCE engine of another thread last keyed
 * with this key (the per-thread engines of {@link Jce}) until that engine is keyed again; the
 * calling thread's engines are re-keyed by {@link Jce#scrubDestroyedKeys()}. Equality is identity,
 * as {@link Jce}'s engine cache compares keys; a destroyed key never matches.
 */
final class WipeableKey implements SecretKey {
  private static final long serialVersionUID = 1L;

  private final transient byte[] bytes;
  private final String algorithm;
  private volatile boolean destroyed;
  /** Derived from a long-term key (see {@link #longTerm()}); set before the key is shared. */
  private boolean longTerm;

  /** Takes ownership of {@code bytes}: the caller must not keep or wipe them. */
  WipeableKey(byte[] bytes, String algorithm) {
    this.bytes = java.util.Objects.requireNonNull(bytes, "bytes");
    this.algorithm = java.util.Objects.requireNonNull(algorithm, "algorithm");
  }

  @Override
  public String getAlgorithm() {
    return algorithm;
  }

  /** Raw bytes, as the JCE engines require of a secret key. */
  @Override
  public String getFormat() {
    return "RAW";
  }

  /** A key from a copy of {@code bytes}. */
  static WipeableKey copyOf(byte[] bytes, String algorithm) {
    return new WipeableKey(bytes.clone(), algorithm);
  }

  @Override
  public byte[] getEncoded() {
    if (destroyed) {
      throw new IllegalStateException("key material was destroyed");
    }
    return bytes.clone();
  }

  /** The array this key owns (tests: to prove {@link #destroy()} zeroes it); never modify. */
  byte[] bytesForTest() {
    return bytes;
  }

  @Override
  public void destroy() {
    destroyed = true;
    Arrays.fill(bytes, (byte) 0);
  }

  /**
   * True for a key derived from a service's long-term key, which every accept uses: {@link Jce}
   * keeps such keys in engines of their own.
   */
  boolean longTerm() {
    return longTerm;
  }

  void markLongTerm() {
    longTerm = true;
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return "WipeableKey[" + getAlgorithm() + ", redacted]";
  }
}
