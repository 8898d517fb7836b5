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
    return new ServerContextSpi(mech, acceptorFor(cred));
  }

  /**
   * The acceptor for {@code cred}'s keys and the replay cache URI in force now. A credential
   * remembers the acceptor it last used, so a server that keeps its credential looks nothing
   * up but the URI per context; one acquired per request takes the shared table below.
   */
  static Acceptor acceptorFor(AcceptorCredentialElement cred) throws GSSException {
    SubjectKeys keys = cred.keys();
    String uri = replayUri(keys);
    LastUsed last = cred.lastUsed();
    if (last != null && last.replayUri.equals(uri)) {
      return last.acceptor;
    }
    Acceptor acceptor = acceptorFor(keys, uri);
    cred.lastUsed(new LastUsed(uri, acceptor));
    return acceptor;
  }

  /**
   * The acceptor for {@code keys} with its replay cache: the login module's {@code replayCache}
   * option, else the {@value ReplayCaches#PROPERTY} system or Security property (read for every
   * context created), else the JVM-wide in-memory cache ({@link ReplayCaches#jvmDefault()}),
   * so new keys handed in a Subject, another requested name or an evicted acceptor give a new
   * {@link Acceptor} but never a fresh replay window in which an authenticator could be replayed
   * (a rewritten keytab file keeps its acceptor, which reads the file's current keys).
   */
  static Acceptor acceptorFor(SubjectKeys keys) throws GSSException {
    return acceptorFor(keys, replayUri(keys));
  }

  private static String replayUri(SubjectKeys keys) {
    AcceptorKeys own = keys.credential().orElse(null);
    Optional<String> ownUri = own == null ? Optional.empty() : own.replayCache();
    return ownUri.isPresent() ? ownUri.get()
        : ReplayCaches.configuredUri().orElse(ReplayCaches.MEMORY);
  }

  private static Acceptor acceptorFor(SubjectKeys keys, String uri) throws GSSException {
    try {
      return ACCEPTORS.get(new Key(keys, uri), () -> build(keys, uri));
    } catch (ExecutionException | UncheckedExecutionException e) {
      if (e.getCause() instanceof RejectedException) {
        throw GssErrors.of((RejectedException) e.getCause());
      }
      throw new InternalFaultException("cannot build an acceptor for " + keys + ": "
          + e.getCause().getMessage(), e.getCause());
    }
  }

  /** The policy is the credential's, else the JVM's krb5.conf as it is when the acceptor is built. */
  private static Acceptor build(SubjectKeys keys, String uri) throws RejectedException {
    Optional<AcceptorKeys> own = keys.credential();
    EnctypePolicy policy = own.map(AcceptorKeys::enctypePolicy)
        .orElseGet(() -> Krb5Conf.forJvm().enctypePolicy());
    boolean requirePac = own.map(AcceptorKeys::requirePac).orElse(false);
    return Acceptor.builder().keys(keys).enctypes(policy).requirePac(requirePac)
        .replayCache(ReplayCaches.fromUri(uri)).build();
  }

  /** The acceptor a credential last used, with the replay cache URI it was chosen for. */
  static final class LastUsed {
    final String replayUri;
    final Acceptor acceptor;

    LastUsed(String replayUri, Acceptor acceptor) {
      this.replayUri = replayUri;
      this.acceptor = acceptor;
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
