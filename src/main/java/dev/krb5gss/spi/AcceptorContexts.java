package dev.krb5gss.spi;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.util.concurrent.UncheckedExecutionException;
import dev.krb5gss.context.Acceptor;
import dev.krb5gss.error.InternalFaultException;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.replay.InMemoryReplayCache;
import dev.krb5gss.replay.ReplayCache;
import java.util.concurrent.ExecutionException;
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
  /** Distinct key sets in one JVM are few; past this, the least recently used is dropped. */
  private static final int MAX_ACCEPTORS = 64;
  private static final Cache<AcceptorKeys, Acceptor> ACCEPTORS =
      CacheBuilder.newBuilder().maximumSize(MAX_ACCEPTORS).build();
  /**
   * One replay cache for every acceptor of the JVM (its keys include the service principal):
   * a keytab rotation, another requested name or an evicted acceptor gives a new
   * {@link Acceptor}, but never a fresh replay window in which an authenticator could be replayed.
   */
  private static final ReplayCache REPLAY = new InMemoryReplayCache();

  private AcceptorContexts() {}

  static GSSContextSpi create(Oid mech, AcceptorCredentialElement cred) throws GSSException {
    return new ServerContextSpi(mech, acceptorFor(cred.keys()));
  }

  static Acceptor acceptorFor(AcceptorKeys keys) throws GSSException {
    try {
      return ACCEPTORS.get(keys,
          () -> Acceptor.builder().keys(keys).enctypes(keys.enctypePolicy())
              .requirePac(keys.requirePac())
              .replayCache(REPLAY).build());
    } catch (ExecutionException | UncheckedExecutionException e) {
      if (e.getCause() instanceof RejectedException) {
        throw GssErrors.of((RejectedException) e.getCause());
      }
      throw new InternalFaultException("cannot build an acceptor for " + keys, e.getCause());
    }
  }
}
