package dev.krb5gss.replay;

import dev.krb5gss.error.InternalFaultException;
import dev.krb5gss.name.PrincipalName;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * What identifies an authenticator for replay detection (RFC 4120 §3.2.3): the client principal,
 * the authenticator's ctime and cusec, and a SHA-256 of the authenticator ciphertext. All of these
 * are fixed by the authenticator's encryption under the session key, so an attacker who rewrites
 * the clear parts of a captured AP-REQ cannot change the key.
 *
 * <p>The service principal is deliberately <em>not</em> part of the key: the ticket's sname
 * travels in clear (RFC 4120 §5.3) and an account with several SPNs has one key for all of them,
 * so a captured AP-REQ rewritten from {@code HTTP/www} to {@code HTTP/xyz} still decrypts. MIT
 * keys its replay cache on the authenticator ciphertext alone since krb5 1.18 for the same reason.
 * Different services sharing one cache therefore share one entry per authenticator, which is
 * correct: a genuine authenticator is presented to one service only.
 */
public final class ReplayKey {
  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT_BE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(ReplayKey::newSha256);

  private final PrincipalName client;
  private final Instant ctime;
  private final int cusec;
  private final byte[] authenticatorHash;
  private final byte[] digest;

  private ReplayKey(PrincipalName client, Instant ctime, int cusec, byte[] authenticatorHash) {
    this.client = Objects.requireNonNull(client, "client");
    this.ctime = Objects.requireNonNull(ctime, "ctime");
    this.cusec = cusec;
    this.authenticatorHash = authenticatorHash;
    this.digest = computeDigest();
  }

  /** The key of an authenticator; {@code authenticatorCiphertext} is hashed, not kept. */
  public static ReplayKey of(PrincipalName client, Instant ctime, int cusec,
      byte[] authenticatorCiphertext) {
    return of(client, ctime, cusec, authenticatorCiphertext, 0, authenticatorCiphertext.length);
  }

  /** The same, with the ciphertext at {@code [offset, offset + length)} of {@code data}. */
  public static ReplayKey of(PrincipalName client, Instant ctime, int cusec, byte[] data,
      int offset, int length) {
    Objects.checkFromIndexSize(offset, length, data.length);
    MessageDigest md = sha256();
    md.update(data, offset, length);
    return new ReplayKey(client, ctime, cusec, md.digest());
  }

  /**
   * The key of an authenticator, ignoring {@code server}.
   *
   * @deprecated the service name is not authenticated and not part of the key; use
   *     {@link #of(PrincipalName, Instant, int, byte[])}
   */
  @Deprecated
  public static ReplayKey of(PrincipalName client, PrincipalName server, Instant ctime, int cusec,
      byte[] authenticatorCiphertext) {
    return of(client, ctime, cusec, authenticatorCiphertext);
  }

  /** The authenticator's client: whose share of a cache the entry counts against. */
  public PrincipalName client() {
    return client;
  }

  public Instant ctime() {
    return ctime;
  }

  public int cusec() {
    return cusec;
  }

  /** SHA-256 of the authenticator ciphertext (a copy). */
  public byte[] authenticatorHash() {
    return authenticatorHash.clone();
  }

  /**
   * SHA-256 over an unambiguous encoding of the client, ctime, cusec and authenticator hash (a
   * copy): what a cache stores, whole or truncated, and what a shared cache uses as its key.
   */
  public byte[] digest() {
    return digest.clone();
  }

  long digestHigh() {
    return (long) LONG_BE.get(digest, 0);
  }

  long digestLow() {
    return (long) LONG_BE.get(digest, 8);
  }

  private byte[] computeDigest() {
    MessageDigest md = sha256();
    String text = client.toString();
    // length(name) as 4 bytes, the name in UTF-8, then ctime seconds (8) and cusec (4), all
    // big-endian: put together in this thread's scratch when the name is ASCII (the usual name),
    // the same bytes either way.
    byte[] scratch = SCRATCH.get();
    int n = text.length();
    if (n + 16 <= scratch.length && isAscii(text)) {
      INT_BE.set(scratch, 0, n);
      for (int i = 0; i < n; i++) {
        scratch[4 + i] = (byte) text.charAt(i);
      }
      LONG_BE.set(scratch, 4 + n, ctime.getEpochSecond());
      INT_BE.set(scratch, 12 + n, cusec);
      md.update(scratch, 0, 16 + n);
    } else {
      byte[] name = text.getBytes(StandardCharsets.UTF_8);
      INT_BE.set(scratch, 0, name.length);
      LONG_BE.set(scratch, 4, ctime.getEpochSecond());
      INT_BE.set(scratch, 12, cusec);
      md.update(scratch, 0, 4);
      md.update(name);
      md.update(scratch, 4, 12);
    }
    md.update(authenticatorHash);
    return md.digest();
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** The digest input's fixed fields and an ASCII name; public values, never wiped. */
  private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[256]);

  /** This thread's SHA-256 engine, reset ({@code getInstance} costs a provider lookup). */
  private static MessageDigest sha256() {
    MessageDigest md = SHA256.get();
    md.reset();
    return md;
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new InternalFaultException("SHA-256 is not available", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReplayKey && Arrays.equals(digest, ((ReplayKey) o).digest);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(digest);
  }

  @Override
  public String toString() {
    return "ReplayKey[" + client + " at " + ctime + "." + cusec + "]";
  }
}
