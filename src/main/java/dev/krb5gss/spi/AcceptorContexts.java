package dev.krb5gss.spi;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.util.concurrent.UncheckedExecutionException;
import dev.krb5gss.config.Krb5Conf;
import dev.krb5gss.context.Acceptor;
import dev.krb5gss.crypto.EnctypePolicy;
import dev.krb5gss.error.InternalFaultException;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.keytab.AcceptorKeys;
import dev.krb5gss.keytab.SubjectKeys;
import dev.krb5gss.replay.ReplayCaches;
import java.util.Optional;
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
  private static final Cache<Key, Acceptor> ACCEPTORS =
      CacheBuilder.newBuilder().maximumSize(MAX_ACCEPTORS).build();

  private AcceptorContexts() {}

  static GSSContextSpi create(Oid mech, AcceptorCredentialElement cred) throws GSSException {
    return new ServerContextSpi(mech, acceptorFor(cred.keys()));
  }

  /**
   * The acceptor for {@code keys} with its replay cache: the login module's {@code replayCache}
   * option, else the {@value ReplayCaches#PROPERTY} system or Security property (read for every
   * acceptor created), else the JVM-wide in-memory cache ({@link ReplayCaches#jvmDefault()}),
   * so a keytab rotation, another requested name or an evicted acceptor gives a new
   * {@link Acceptor} but never a fresh replay window in which an authenticator could be replayed.
   */
  static Acceptor acceptorFor(SubjectKeys keys) throws GSSException {
    Optional<AcceptorKeys> own = keys.credential();
    String uri = own.flatMap(AcceptorKeys::replayCache)
        .orElseGet(() -> ReplayCaches.configuredUri().orElse(ReplayCaches.MEMORY));
    EnctypePolicy policy = own.map(AcceptorKeys::enctypePolicy)
        .orElseGet(() -> Krb5Conf.forJvm().enctypePolicy());
    boolean requirePac = own.map(AcceptorKeys::requirePac).orElse(false);
    try {
      return ACCEPTORS.get(new Key(keys, uri),
          () -> Acceptor.builder().keys(keys).enctypes(policy).requirePac(requirePac)
              .replayCache(ReplayCaches.fromUri(uri)).build());
    } catch (ExecutionException | UncheckedExecutionException e) {
      if (e.getCause() instanceof RejectedException) {
        throw GssErrors.of((RejectedException) e.getCause());
      }
      throw new InternalFaultException("cannot build an acceptor for " + keys + ": "
          + e.getCause().getMessage(), e.getCause());
    }
  }

  /** Acceptors are shared per key set and replay cache URI (never shown: it may hold a password). */
  private static final class Key {
    private final SubjectKeys keys;
    private final String replayUri;

    Key(SubjectKeys keys, String replayUri) {
      this.keys = keys;
      this.replayUri = replayUri;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key && ((Key) o).keys.equals(keys) && ((Key) o).replayUri.equals(replayUri);
    }

    @Override
    public int hashCode() {
      return keys.hashCode() * 31 + replayUri.hashCode();
    }

    @Override
    public String toString() {
      return "Key[" + keys + "]";
    }
  }
}
