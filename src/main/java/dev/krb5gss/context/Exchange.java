package dev.krb5gss.context;

import dev.krb5gss.error.RejectedException;

/**
 * One mechanism's token exchange inside a {@link ServerContext}: raw Kerberos or SPNEGO. Called
 * under the context's lock, one leg at a time; the context owns the state machine.
 */
interface Exchange {
  Negotiated mechanism();

  /** Accepts one leg. A rejection fails the negotiation. */
  Leg accept(byte[] token) throws RejectedException;

  /** The error token to send for {@code e}, wrapped as this mechanism wants it (may be null). */
  byte[] errorToken(RejectedException e);

  /** The Kerberos session, once established (null before). */
  Krb5Session session();

  /** Wipes secrets. */
  void destroy();
}
