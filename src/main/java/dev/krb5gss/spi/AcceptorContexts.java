package dev.krb5gss.spi;

import dev.krb5gss.context.Acceptor;
import dev.krb5gss.error.RejectedException;
import java.util.concurrent.ConcurrentHashMap;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.Oid;
import sun.security.jgss.spi.GSSContextSpi;

/**
 * One {@link Acceptor} per distinct set of acceptor keys, shared by every credential acquired
 * for them: the JDK acquires credentials per {@code GSSManager} (Tomcat: per request), while the
 * acceptor's replay cache and derived keys must outlive them (RFC 4120 §3.2.3: the replay cache
 * spans all requests to the service).
 */
final class AcceptorContexts {
  private static final int MAX_ACCEPTORS = 64;
  private static final ConcurrentHashMap<AcceptorKeys, Acceptor> ACCEPTORS =
      new ConcurrentHashMap<>();

  private AcceptorContexts() {}

  static GSSContextSpi create(Oid mech, AcceptorCredentialElement cred) throws GSSException {
    return new ServerContextSpi(mech, acceptorFor(cred.keys()));
  }

  static Acceptor acceptorFor(AcceptorKeys keys) throws GSSException {
    Acceptor a = ACCEPTORS.get(keys);
    if (a != null) {
      return a;
    }
    try {
      Acceptor built = Acceptor.builder().keys(keys).build();
      if (ACCEPTORS.size() >= MAX_ACCEPTORS) {
        ACCEPTORS.clear();
      }
      Acceptor raced = ACCEPTORS.putIfAbsent(keys, built);
      return raced != null ? raced : built;
    } catch (RejectedException e) {
      throw GssErrors.of(e);
    }
  }
}
