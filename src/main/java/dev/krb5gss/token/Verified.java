package dev.krb5gss.token;

/**
 * A MIC token that verified against its message (RFC 4121 §4.2.6.1), with the sequence status.
 * Only {@link MessageProtection} constructs one.
 */
public final class Verified {
  private final Supplementary supplementary;

  Verified(Supplementary supplementary) {
    this.supplementary = supplementary;
  }

  public Supplementary supplementary() {
    return supplementary;
  }

  @Override
  public String toString() {
    return "Verified[" + supplementary + "]";
  }
}
