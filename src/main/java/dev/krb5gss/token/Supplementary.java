package dev.krb5gss.token;

/**
 * GSS-API supplementary status (RFC 2743 §1.2.1.1, §1.2.3) reported with a token that verified:
 * the data is delivered, and the caller learns that it arrived out of order or after a gap.
 * Duplicate and too-old tokens are not delivered; they are rejected with
 * {@link dev.krb5gss.error.Reason#DUPLICATE_TOKEN} or {@link dev.krb5gss.error.Reason#OLD_TOKEN}.
 */
public enum Supplementary {
  /** In sequence (or no sequence checking negotiated). */
  NONE,
  /** Arrived after a later token (within the window): GSS_S_UNSEQ_TOKEN. */
  UNSEQ,
  /** One or more earlier tokens have not been seen: GSS_S_GAP_TOKEN. */
  GAP;

  /** The {@link org.ietf.jgss.GSSException} supplementary code, or 0 for {@link #NONE}. */
  public int gssCode() {
    switch (this) {
      case UNSEQ: return org.ietf.jgss.GSSException.UNSEQ_TOKEN;
      case GAP: return org.ietf.jgss.GSSException.GAP_TOKEN;
      default: return 0;
    }
  }
}
