package dev.krb5gss.interop;

import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;

/**
 * The second hop of delegation (RFC 4121 §4.1.1): a server holding a client's forwarded TGT
 * initiates a Kerberos context as that client to a backend service (a TGS exchange with the KDC
 * the JVM's krb5.conf names) and completes it at the backend's acceptor.
 */
public final class BackendHop {
  private BackendHop() {}

  /**
   * Authenticates with {@code delegated} to {@code backend}, known to initiators as the
   * host-based service {@code backendService} ({@code service@host}); returns the client name
   * the backend's acceptor saw.
   */
  public static String authenticate(GSSCredential delegated, GssAcceptor backend,
      String backendService) throws GSSException {
    GSSManager manager = GSSManager.getInstance();
    GSSName target = manager.createName(backendService, GSSName.NT_HOSTBASED_SERVICE);
    GSSContext initiator =
        manager.createContext(target, GssAcceptor.KRB5, delegated, GSSContext.DEFAULT_LIFETIME);
    GSSContext acceptor = backend.newContext();
    try {
      initiator.requestMutualAuth(true);
      byte[] token = initiator.initSecContext(new byte[0], 0, 0);
      while (!acceptor.isEstablished() || !initiator.isEstablished()) {
        byte[] reply = backend.accept(acceptor, token);
        if (initiator.isEstablished()) {
          break;
        }
        token = initiator.initSecContext(reply, 0, reply.length);
      }
      return acceptor.getSrcName().toString();
    } finally {
      initiator.dispose();
      acceptor.dispose();
    }
  }
}
