package dev.krb5gss.observe;

/**
 * The outer mechanism of an accept leg, as a bounded set for metric tags: raw Kerberos V5
 * (RFC 4121, under the standard or the Microsoft OID), SPNEGO (RFC 4178), or unknown when the
 * first token was refused before its mechanism was recognised (e.g. raw NTLMSSP, bad framing).
 */
public enum Mechanism {
  KRB5("krb5"),
  SPNEGO("spnego"),
  UNKNOWN("unknown");

  private final String tag;

  Mechanism(String tag) {
    this.tag = tag;
  }

  /** The lower-case name used in metric tags and JFR events. */
  public String tag() {
    return tag;
  }
}
