package dev.krb5gss.observe;

/**
 * How an accept leg ended (RFC 2743 §1.2.1.1 major status, in SSPI terms): the context is
 * established (GSS_S_COMPLETE), another leg is needed (GSS_S_CONTINUE_NEEDED, including SPNEGO's
 * wait for the client's mechListMIC), or the leg was rejected with a
 * {@link dev.krb5gss.error.Reason}.
 */
public enum Outcome {
  ESTABLISHED("established"),
  CONTINUE("continue"),
  REJECTED("rejected");

  private final String tag;

  Outcome(String tag) {
    this.tag = tag;
  }

  /** The lower-case name used in metric tags and JFR events. */
  public String tag() {
    return tag;
  }
}
