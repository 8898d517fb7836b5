package dev.krb5gss.fuzz;

import dev.krb5gss.crypto.CipherKey;
import dev.krb5gss.crypto.CryptoProfile;
import dev.krb5gss.crypto.CryptoProfiles;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.crypto.SecretBytes;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The invariants every fuzz harness in this package checks, and the fixed key material the
 * structure-aware ones encrypt with.
 *
 * <ul>
 *   <li><b>Only our own exceptions.</b> A harness catches {@code RejectedException} (and a
 *       parser's documented checked exception) and nothing else: any other throwable reaches
 *       Jazzer, which reports it as a finding. {@code InternalFaultException} (our wrapper around
 *       an unexpected RuntimeException) is a finding too.</li>
 *   <li><b>Allocation proportional to the input</b>: {@link #allocationBound} measures the bytes
 *       the calling thread allocated ({@code com.sun.management.ThreadMXBean}) and fails when they
 *       exceed {@code perInputByte * input + constant}.</li>
 *   <li><b>No state change on rejection</b> and <b>agreement with Kerby</b>: per harness.</li>
 * </ul>
 *
 * <p>Keys are derived from fixed labels, never random, so a committed corpus input that
 * decrypted yesterday decrypts today.
 */
final class FuzzSupport {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** True while {@link Warmup} runs a harness: class loading is not the input's allocation. */
  static final ThreadLocal<Boolean> WARMING_UP = ThreadLocal.withInitial(() -> false);

  private FuzzSupport() {}

  /** A finding: an invariant other than "no unexpected exception" does not hold. */
  static final class InvariantViolation extends AssertionError {
    private static final long serialVersionUID = 1L;

    InvariantViolation(String message) {
      super(message);
    }

    InvariantViolation(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Runs a body that may throw checked exceptions. */
  @FunctionalInterface
  interface Body {
    void run() throws Exception;
  }

  /** Bytes allocated by the current thread so far. */
  static long allocated() {
    return THREADS.getCurrentThreadAllocatedBytes();
  }

  /**
   * Runs {@code body} and fails when the current thread allocated more than
   * {@code perInputByte * inputLength + constant} bytes meanwhile. A run over the bound is
   * repeated once before it counts, since the first input down a code path pays for class
   * loading and static initialisation; so {@code body} must create any state it changes. The
   * exception of the (last) run passes through unchanged, after the check.
   */
  static void allocationBound(int inputLength, long perInputByte, long constant, Body body)
      throws Exception {
    long bound = perInputByte * inputLength + constant;
    Exception[] thrown = new Exception[1];
    long used = measure(body, thrown);
    if (used > bound && !WARMING_UP.get()) {
      used = measure(body, thrown);
      if (used > bound) {
        throw new InvariantViolation("allocated " + used + " bytes for an input of "
            + inputLength + " bytes, more than the bound " + perInputByte + "*n+" + constant
            + " = " + bound, thrown[0]);
      }
    }
    if (thrown[0] != null) {
      throw thrown[0];
    }
  }

  private static long measure(Body body, Exception[] thrown) {
    thrown[0] = null;
    long before = allocated();
    try {
      body.run();
    } catch (Exception e) {
      thrown[0] = e;
    }
    return allocated() - before;
  }

  static void check(boolean condition, String message) {
    if (!condition) {
      throw new InvariantViolation(message);
    }
  }

  /** {@code length} bytes derived from {@code label} (SHA-256 in counter mode). */
  static byte[] derive(String label, int length) {
    try {
      byte[] out = new byte[length];
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (int i = 0, off = 0; off < length; i++, off += 32) {
        sha.update(label.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) i);
        byte[] block = sha.digest();
        System.arraycopy(block, 0, out, off, Math.min(32, length - off));
      }
      return out;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Our profile's key for {@code encType} with bytes derived from {@code label}. */
  static CipherKey key(EncType encType, String label) {
    CryptoProfile p = profile(encType);
    return p.key(SecretBytes.copyOf(derive(label, p.keyLength())));
  }

  static CryptoProfile profile(EncType encType) {
    return CryptoProfiles.of(encType).orElseThrow();
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int off = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, off, p.length);
      off += p.length;
    }
    return out;
  }

  static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (byte x : Arrays.copyOf(b, Math.min(b.length, 64))) {
      sb.append(String.format("%02x", x));
    }
    return sb.toString();
  }
}
