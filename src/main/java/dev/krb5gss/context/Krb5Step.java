package dev.krb5gss.context;

import dev.krb5gss.error.RejectedException;

/** The Kerberos AP exchange (RFC 4120 §3.2, RFC 4121 §4.1) as one accept step. */
interface Krb5Step {
  /**
   * Accepts a framed or inner Kerberos initial token.
   *
   * @throws RejectedException with the KRB-ERROR token to send where MIT sends one
   */
  Krb5Session accept(byte[] token) throws RejectedException;
}
