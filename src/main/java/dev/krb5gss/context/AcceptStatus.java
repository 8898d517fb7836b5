package dev.krb5gss.context;

/**
 * The outcome of one successful accept leg, mirroring SSPI's AcceptSecurityContext return codes
 * and the RFC 2743 §1.2.1.1 GSS major status. In every case the output token of the leg, if not
 * empty, must be sent to the client.
 */
public enum AcceptStatus {
  /** SEC_E_OK / GSS_S_COMPLETE: the context is established. */
  COMPLETE,
  /** SEC_I_CONTINUE_NEEDED / GSS_S_CONTINUE_NEEDED: send the token, wait for the next leg. */
  CONTINUE_NEEDED,
  /**
   * SEC_I_COMPLETE_AND_CONTINUE / GSS_S_CONTINUE_NEEDED: the Kerberos exchange is complete (the
   * client is authenticated by the inner mechanism) but SPNEGO still needs the client's
   * mechListMIC (RFC 4178 §5): send the token, wait for one more leg.
   */
  COMPLETE_AND_CONTINUE;

  /** True when another leg from the client is expected. */
  public boolean needsAnotherLeg() {
    return this != COMPLETE;
  }
}
