package dev.krb5gss.crypto;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Key material in a holder: copied in and out, compared in constant time, redacted in
 * {@link #toString()}, wiped by {@link #destroy()}.
 */
public final class SecretBytes {
  private final byte[] bytes;
  private volatile boolean destroyed;

  private SecretBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A holder with a copy of {@code key}. */
  public static SecretBytes copyOf(byte[] key) {
    return new SecretBytes(key.clone());
  }

  /** A holder with a copy of {@code data[offset, offset + length)} (e.g. a decoded field). */
  public static SecretBytes copyOf(byte[] data, int offset, int length) {
    java.util.Objects.checkFromIndexSize(offset, length, data.length);
    return new SecretBytes(Arrays.copyOfRange(data, offset, offset + length));
  }

  /** A holder that takes ownership of {@code key}; the caller must not keep a reference. */
  static SecretBytes wrap(byte[] key) {
    return new SecretBytes(key);
  }

  /** Copies the key bytes into {@code dst[offset, offset + length())} (e.g. a wiped buffer). */
  public void copyTo(byte[] dst, int offset) {
    checkAlive();
    System.arraycopy(bytes, 0, dst, offset, bytes.length);
  }

  /** A copy of the key bytes. */
  public byte[] toByteArray() {
    checkAlive();
    return bytes.clone();
  }

  /** The internal array, for crypto code in this package only: never expose or modify. */
  byte[] unsafeBytes() {
    checkAlive();
    return bytes;
  }

  public int length() {
    return bytes.length;
  }

  /** Constant-time comparison with other key bytes. */
  public boolean equalsSecret(SecretBytes other) {
    return MessageDigest.isEqual(unsafeBytes(), other.unsafeBytes());
  }

  /** Overwrites the key bytes with zeros; later use fails. */
  public void destroy() {
    destroyed = true;
    Arrays.fill(bytes, (byte) 0);
  }

  public boolean isDestroyed() {
    return destroyed;
  }

  private void checkAlive() {
    if (destroyed) {
      throw new IllegalStateException("key material was destroyed");
    }
  }

  @Override
  public String toString() {
    return "SecretBytes[" + bytes.length + " bytes, redacted]";
  }
}
