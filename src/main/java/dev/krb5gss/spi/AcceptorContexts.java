package dev.krb5gss.spi;

import dev.krb5gss.error.Reason;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.Oid;
import sun.security.jgss.spi.GSSContextSpi;

/** Creates acceptor contexts. */
final class AcceptorContexts {
  private AcceptorContexts() {}

  static GSSContextSpi create(Oid mech, AcceptorCredentialElement cred) throws GSSException {
    throw GssErrors.of(Reason.UNSUPPORTED_OPERATION, "acceptor context not yet wired");
  }
}
