package dev.krb5gss.crypto;

import dev.krb5gss.error.InternalFaultException;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;

/**
 * Per-thread working space for the few blocks a Kerberos cipher operation needs besides its input
 * and output: AES-CTS's last two blocks ({@link #CTS}, 48 bytes, plaintext-bearing: callers zero
 * it before returning) and an HMAC's full output ({@link #MAC}, 64 bytes, which a caller truncates
 * and compares; an integrity tag, not a secret). Allocating them per operation was about 0.5 KiB of
 * every accept. Never leaves the calling thread; no method here calls back into a user of it.
 */
final class Scratch {
  static final int CTS = 0;
  static final int MAC = 48;
  private static final ThreadLocal<byte[]> SPACE = ThreadLocal.withInitial(() -> new byte[112]);

  private Scratch() {}

  /** Larger plaintexts than this get a new array instead of this thread's reused one. */
  static final int MAX_REUSED_PLAINTEXT = 1024;
  private static final ThreadLocal<byte[]> PLAINTEXT = ThreadLocal.withInitial(() -> new byte[256]);

  /**
   * A buffer of at least {@code length} bytes for a plaintext being put together before
   * encryption: this thread's (grown up to {@link #MAX_REUSED_PLAINTEXT}) or, above that, a new
   * one. Holds zeros between uses: the caller zeroes {@code [0, length)} in a {@code finally}.
   */
  static byte[] plaintext(int length) {
    if (length > MAX_REUSED_PLAINTEXT) {
      return new byte[length];
    }
    byte[] b = PLAINTEXT.get();
    if (b.length < length) {
      b = new byte[MAX_REUSED_PLAINTEXT];
      PLAINTEXT.set(b);
    }
    return b;
  }

  static byte[] get() {
    return SPACE.get();
  }

  /** Finishes {@code mac} into this thread's MAC area, returning the area's array. */
  static byte[] macInto(Mac mac) {
    byte[] s = SPACE.get();
    try {
      mac.doFinal(s, MAC);
    } catch (GeneralSecurityException e) {
      throw new InternalFaultException(mac.getAlgorithm() + " did not fit its output", e);
    }
    return s;
  }

  /** Constant-time comparison of {@code a[aOff, aOff+n)} and {@code b[bOff, bOff+n)}. */
  static boolean equal(byte[] a, int aOff, byte[] b, int bOff, int n) {
    int diff = 0;
    for (int i = 0; i < n; i++) {
      diff |= a[aOff + i] ^ b[bOff + i];
    }
    return diff == 0;
  }
}
