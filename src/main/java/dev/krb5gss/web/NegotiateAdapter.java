package dev.krb5gss.web;

import dev.krb5gss.ap.ChannelBindings;
import java.lang.System.Logger.Level;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What the Tomcat and Jetty adapters share, built by {@link AdapterSettings}: the
 * {@link NegotiateHandler}, the request building (connection key, client address, RFC 5929
 * bindings computed once per server certificate), the remote user's name ({@code stripRealm})
 * and the {@code noKeepAliveUserAgents} rule (RFC 4559 §6 clients that mishandle a challenge on
 * a kept-alive connection get {@code Connection: close} with it).
 */
public final class NegotiateAdapter {
  private static final int MAX_CERTIFICATES = 16;
  /** Where a 403 for a role the realm did not grant is explained (FINE). */
  public static final String ROLES_LOGGER = "dev.krb5gss.roles";
  /** Where the adapters and the provider say at startup what serves Kerberos (INFO). */
  public static final String STARTUP_LOGGER = "dev.krb5gss.startup";
  private static final System.Logger ROLES = System.getLogger(ROLES_LOGGER);

  private final NegotiateHandler handler;
  private final boolean stripRealm;
  private final Pattern noKeepAliveUserAgents;
  private final Map<X509Certificate, Optional<ChannelBindings>> bindings =
      new ConcurrentHashMap<>();
  private volatile Known last;

  /** The certificate instance seen last and its bindings. */
  private static final class Known {
    final X509Certificate certificate;
    final Optional<ChannelBindings> bindings;

    Known(X509Certificate certificate, Optional<ChannelBindings> bindings) {
      this.certificate = certificate;
      this.bindings = bindings;
    }
  }

  NegotiateAdapter(NegotiateHandler handler, boolean stripRealm, Pattern noKeepAliveUserAgents) {
    this.handler = Objects.requireNonNull(handler, "handler");
    this.stripRealm = stripRealm;
    this.noKeepAliveUserAgents = noKeepAliveUserAgents;
  }

  public NegotiateHandler handler() {
    return handler;
  }

  /** Whether roles come from the handler's {@link RoleMapper} rather than the container realm. */
  public boolean mapsRoles() {
    return handler.mapsRoles();
  }

  /** The request for the handler; {@code serverCertificate} only on TLS (null otherwise). */
  public NegotiateRequest request(String authorization, String connectionKey, String clientHost,
      int clientPort, X509Certificate serverCertificate) {
    NegotiateRequest r = NegotiateRequest.of(authorization, connectionKey, clientHost, clientPort);
    return serverCertificate == null ? r
        : bindingsOf(serverCertificate).map(r::withBindings).orElse(r);
  }

  /** The RFC 5929 tls-server-end-point bindings of {@code cert}, hashed once per certificate. */
  Optional<ChannelBindings> bindingsOf(X509Certificate cert) {
    Known last = this.last;
    if (last != null && last.certificate == cert) {
      return last.bindings; // the TLS stack hands out the same instance: no hashing at all
    }
    Optional<ChannelBindings> found = lookUp(cert);
    this.last = new Known(cert, found);
    return found;
  }

  private Optional<ChannelBindings> lookUp(X509Certificate cert) {
    Optional<ChannelBindings> known = bindings.get(cert);
    if (known != null) {
      return known;
    }
    if (bindings.size() >= MAX_CERTIFICATES) {
      bindings.clear();
    }
    Optional<ChannelBindings> computed = TlsServerEndPoint.bindingsIfDefined(cert);
    bindings.put(cert, computed);
    return computed;
  }

  /** The handler's answer to {@code request}. */
  public NegotiateOutcome handle(NegotiateRequest request) {
    return handler.handle(request);
  }

  /** The name the container reports as the remote user: without the realm unless configured. */
  public String userName(AuthenticatedUser user) {
    return stripRealm ? user.principal().nameWithoutRealm() : user.getName();
  }

  /** Whether to close the connection after a failed authentication for this User-Agent. */
  public boolean closesConnection(String userAgent) {
    return noKeepAliveUserAgents != null && userAgent != null
        && noKeepAliveUserAgents.matcher(userAgent).matches();
  }

  /** Logs (FINE) that the realm did not grant {@code user} the roles a 403 was sent for. */
  public static void roleNotGranted(String user, Collection<String> missing, String where) {
    ROLES.log(Level.DEBUG, "403 for {0}: the {1} did not grant the role(s) {2}", user, where,
        missing);
  }

  /** Logs that the container realm knows no user of this name (the request gets a 401). */
  public static void unknownToRealm(String clientAddress, String user, String where) {
    System.getLogger(FailureLog.LOGGER).log(Level.WARNING, "Negotiate authentication from {0}: "
        + "{1} authenticated, but the {2} has no such user; answered 401", clientAddress, user,
        where);
  }

  @Override
  public String toString() {
    return "NegotiateAdapter[" + handler + (stripRealm ? ", strip realm" : "")
        + (noKeepAliveUserAgents == null ? "" : ", no keep-alive for " + noKeepAliveUserAgents)
        + "]";
  }
}
