package dev.krb5gss.replay;

import dev.krb5gss.error.InternalFaultException;
import dev.krb5gss.name.PrincipalName;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * What identifies an authenticator for replay detection: the client and server principals and the
 * authenticator's ctime and cusec (RFC 4120 §3.2.3), plus a SHA-256 of the authenticator
 * ciphertext, as MIT does since 1.10, so two clients with the same timestamp do not collide.
 */
public final class ReplayKey {
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(ReplayKey::newSha256);

  private final PrincipalName client;
  private final PrincipalName server;
  private final Instant ctime;
  private final int cusec;
  private final byte[] authenticatorHash;
  private final byte[] digest;

  private ReplayKey(PrincipalName client, PrincipalName server, Instant ctime, int cusec,
      byte[] authenticatorHash) {
    this.client = Objects.requireNonNull(client, "client");
    this.server = Objects.requireNonNull(server, "server");
    this.ctime = Objects.requireNonNull(ctime, "ctime");
    this.cusec = cusec;
    this.authenticatorHash = authenticatorHash;
    this.digest = computeDigest();
  }

  /** The key of an authenticator; {@code authenticatorCiphertext} is hashed, not kept. */
  public static ReplayKey of(PrincipalName client, PrincipalName server, Instant ctime, int cusec,
      byte[] authenticatorCiphertext) {
    return new ReplayKey(client, server, ctime, cusec, sha256(authenticatorCiphertext));
  }

  public PrincipalName client() {
    return client;
  }

  public PrincipalName server() {
    return server;
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
   * SHA-256 over an unambiguous encoding of all fields (a copy): what a cache stores, whole or
   * truncated, and what a shared cache can use as its key.
   */
  public byte[] digest() {
    return digest.clone();
  }

  long digestHigh() {
    return ByteBuffer.wrap(digest, 0, 8).getLong();
  }

  long digestLow() {
    return ByteBuffer.wrap(digest, 8, 8).getLong();
  }

  private byte[] computeDigest() {
    MessageDigest md = sha256();
    update(md, client.toString());
    update(md, server.toString());
    md.update(ByteBuffer.allocate(12).putLong(ctime.getEpochSecond()).putInt(cusec).array());
    md.update(authenticatorHash);
    return md.digest();
  }

  private static void update(MessageDigest md, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    int n = b.length;
    md.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
    md.update(b);
  }

  private static byte[] sha256(byte[] data) {
    return sha256().digest(data);
  }

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
    return "ReplayKey[" + client + " -> " + server + " at " + ctime + "." + cusec + "]";
  }
}
