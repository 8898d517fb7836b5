package dev.krb5gss.token;

/**
 * A Wrap token that verified (RFC 4121 §4.2.6.2): the message, whether it was encrypted, and the
 * sequence status. Only {@link MessageProtection} constructs one.
 */
public final class Unwrapped {
  private final byte[] data;
  private final boolean confidential;
  private final Supplementary supplementary;

  Unwrapped(byte[] data, boolean confidential, Supplementary supplementary) {
    this.data = data;
    this.confidential = confidential;
    this.supplementary = supplementary;
  }

  /** The message (a fresh array owned by the caller). */
  public byte[] data() {
    return data;
  }

  /** True if the token was sealed (encrypted), false if only integrity-protected. */
  public boolean confidential() {
    return confidential;
  }

  public Supplementary supplementary() {
    return supplementary;
  }

  @Override
  public String toString() {
    return "Unwrapped[" + data.length + " bytes, conf=" + confidential + ", " + supplementary + "]";
  }
}
