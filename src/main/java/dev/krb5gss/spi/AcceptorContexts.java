package dev.krb5gss.spi;

import org.ietf.jgss.GSSException;
import org.ietf.jgss.Oid;
import sun.security.jgss.spi.GSSContextSpi;

/** Creates acceptor contexts. */
final class AcceptorContexts {
  private AcceptorContexts() {}

  static GSSContextSpi create(Oid mech, AcceptorCredentialElement cred) throws GSSException {
    throw new GSSException(GSSException.UNAVAILABLE, 0, "acceptor context not yet wired");
  }
}
