package dev.krb5gss.web.tomcat;

import dev.krb5gss.web.AdapterSettings;
import dev.krb5gss.web.AdapterSettings.Setting;
import dev.krb5gss.web.AuthenticatedUser;
import dev.krb5gss.web.InvalidSettingException;
import dev.krb5gss.web.NegotiateAdapter;
import dev.krb5gss.web.NegotiateAttributes;
import dev.krb5gss.web.NegotiateHandler;
import dev.krb5gss.web.NegotiateHeader;
import dev.krb5gss.web.NegotiateOutcome;
import dev.krb5gss.web.TlsServerEndPoint;
import jakarta.servlet.ServletConnection;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.security.Principal;
import java.security.cert.X509Certificate;
import java.util.List;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.authenticator.AuthenticatorBase;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.realm.GenericPrincipal;

/**
 * A Tomcat authenticator valve for HTTP Negotiate (RFC 4559) on krb5gss's server-context state
 * machine, in place of Tomcat's {@code SpnegoAuthenticator}: multi-leg SPNEGO kept per connection
 * in the acceptor's pending-context store, the mutual-authentication token on the final 200,
 * 401/403 with one log line per failure, RFC 5929 channel bindings on TLS when
 * {@link #setServerCertificate} is given, and no new challenge on an authenticated keep-alive
 * connection.
 *
 * <p><b>Roles</b> come from the container's realm, as with the stock authenticator: the
 * authenticated name goes through {@code Realm.authenticate(GSSName, GSSCredential)} (so the
 * realm's {@code stripRealmForGss} and {@code getPrincipal} apply), unless the handler has a
 * {@link dev.krb5gss.web.RoleMapper}. A 403 for a role the realm did not grant is logged at FINE
 * on {@code dev.krb5gss.roles} with the name and the missing roles.
 *
 * <p><b>Attributes</b> (every one optional but {@code keytab}; see {@link AdapterSettings.Setting}):
 * {@code keytab} (alias {@code keyTab}), {@code principal}, {@code allowedServices} (alias
 * {@code allowedPrincipals}), {@code allowRc4}, {@code enctypes}, {@code maxSkew},
 * {@code legTimeout}, {@code maxPending}, {@code maxPendingPerKey}, {@code maxTokenSize},
 * {@code mechanisms}, {@code requireChannelBindings}, {@code persistOnConnection},
 * {@code maxConnections}, {@code requirePac}, {@code stripRealm} (default true),
 * {@code noKeepAliveUserAgents} and {@code serverCertificateFile}. The getters report the
 * pending store's counts (pending, expired, refused, evicted), so an operator can see a flood
 * of half-open negotiations.
 * Durations are ISO-8601 ({@code PT30S}) or whole seconds ({@code 30}). A bad value fails the
 * context's start with a {@link LifecycleException} naming the attribute and what it accepts.
 *
 * <p>Connection identity: Servlet 6's {@code ServletConnection.getConnectionId()}, which Tomcat
 * draws from one JVM-wide counter per accepted socket, so it is stable for a TCP connection and
 * never reused; where a container gives none, the HTTP session id (the client must then keep
 * the session cookie between legs).
 */
public class NegotiateAuthenticator extends AuthenticatorBase
    implements NegotiateAttributes {
  /** Tomcat's name for the SPNEGO auth method. */
  public static final String AUTH_METHOD = "SPNEGO";

  private static final System.Logger LOG = System.getLogger(NegotiateAdapter.STARTUP_LOGGER);

  private final AdapterSettings settings = new AdapterSettings();
  private volatile NegotiateAdapter adapter;
  private volatile X509Certificate serverCertificate;
  private volatile String serverCertificateFile;

  /** For configuration by attributes ({@code context.xml}). */
  public NegotiateAuthenticator() {}

  /** With a handler built in code; only adapter-level attributes may be added. */
  public NegotiateAuthenticator(NegotiateHandler handler) {
    settings.handler(handler);
  }

  /** The settings recorded from this adapter's attributes. */
  @Override
  public AdapterSettings settings() {
    return settings;
  }

  /**
   * This server's TLS certificate, whose RFC 5929 binding clients may present on HTTPS.
   *
   * @throws IllegalArgumentException for a certificate RFC 5929 defines no binding for (Ed25519)
   */
  public void setServerCertificate(X509Certificate certificate) {
    if (certificate != null) {
      TlsServerEndPoint.bindings(certificate);
    }
    this.serverCertificate = certificate;
  }

  /**
   * The file (PEM or DER) of this server's TLS certificate, read when the valve starts: the
   * attribute form of {@link #setServerCertificate}.
   */
  public void setServerCertificateFile(String path) {
    this.serverCertificateFile = path;
  }

  /** The handler, once the valve has started. */
  @Override
  public NegotiateHandler handler() {
    NegotiateAdapter a = adapter;
    return a == null ? null : a.handler();
  }

  @Override
  protected String getAuthMethod() {
    return AUTH_METHOD;
  }

  @Override
  protected synchronized void startInternal() throws LifecycleException {
    try {
      adapter = settings.build();
    } catch (InvalidSettingException e) {
      throw new LifecycleException("krb5gss NegotiateAuthenticator: " + e.getMessage(), e);
    }
    if (serverCertificateFile != null) {
      setServerCertificate(certificate(serverCertificateFile));
    }
    LOG.log(Level.INFO, "krb5gss NegotiateAuthenticator started: {0}; roles from {1}", adapter,
        rolesFrom());
    super.startInternal();
  }

  private static X509Certificate certificate(String file) throws LifecycleException {
    try (java.io.InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(file))) {
      X509Certificate cert = (X509Certificate) java.security.cert.CertificateFactory
          .getInstance("X.509").generateCertificate(in);
      TlsServerEndPoint.bindings(cert);
      return cert;
    } catch (java.io.IOException | java.security.cert.CertificateException
        | IllegalArgumentException | ClassCastException e) {
      throw new LifecycleException("krb5gss NegotiateAuthenticator: attribute "
          + "serverCertificateFile=\"" + file + "\" is invalid: " + e.getMessage()
          + "; accepted: the server's X.509 certificate, PEM or DER", e);
    }
  }

  private String rolesFrom() {
    return adapter.mapsRoles() ? "handler's role mapper"
        : "realm " + (context == null || context.getRealm() == null ? "(none)"
            : context.getRealm().getClass().getName());
  }

  @Override
  protected boolean isPreemptiveAuthPossible(Request request) {
    String authorization = request.getHeader("Authorization");
    return authorization != null
        && authorization.regionMatches(true, 0, NegotiateHeader.SCHEME, 0, 9);
  }

  @Override
  protected boolean doAuthenticate(Request request, HttpServletResponse response)
      throws IOException {
    if (checkForCachedAuthentication(request, response, true)) {
      return true;
    }
    NegotiateAdapter a = adapter;
    String authorization = request.getHeader("Authorization");
    NegotiateOutcome outcome = a.handle(a.request(authorization, connectionKey(request),
        request.getRemoteAddr(), request.getRemotePort(),
        request.isSecure() ? serverCertificate : null));
    outcome.wwwAuthenticate().ifPresent(h -> response.setHeader("WWW-Authenticate", h));
    if (outcome.isAuthenticated()) {
      AuthenticatedUser user = outcome.user().orElseThrow();
      Principal principal = principal(a, user);
      if (principal != null) {
        register(request, response, principal, AUTH_METHOD, principal.getName(), null);
        return true;
      }
      NegotiateAdapter.unknownToRealm(request.getRemoteAddr() + ":" + request.getRemotePort(),
          a.userName(user), rolesFrom());
      response.setHeader("WWW-Authenticate", NegotiateHeader.SCHEME);
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
      return false;
    }
    if (authorization != null && a.closesConnection(request.getHeader("User-Agent"))) {
      response.setHeader("Connection", "close");
    }
    response.sendError(outcome.status());
    return false;
  }

  /** The role mapper's principal, or the realm's for the authenticated name (null: unknown). */
  private Principal principal(NegotiateAdapter a, AuthenticatedUser user) {
    String name = a.userName(user);
    if (a.mapsRoles()) {
      return new GenericPrincipal(name, List.copyOf(user.roles()), user);
    }
    return RealmLookup.principal(context.getRealm(), name);
  }

  /** After the pipeline: a 403 for an authenticated user is explained at FINE. */
  @Override
  public void invoke(Request request, Response response) throws IOException, ServletException {
    super.invoke(request, response);
    if (response.getStatus() == HttpServletResponse.SC_FORBIDDEN
        && request.getUserPrincipal() != null) {
      RealmLookup.explainForbidden(context, request, rolesFrom());
    }
  }

  /** The connection's id, or the session's where the container gives no connection id. */
  static String connectionKey(Request request) {
    ServletConnection connection = request.getServletConnection();
    String id = connection == null ? null : connection.getConnectionId();
    if (id != null && !id.isEmpty()) {
      return "connection:" + id;
    }
    // Only an existing session: creating one for every unauthenticated request would let
    // anyone fill the session store. Without either, the negotiation must finish in one leg.
    jakarta.servlet.http.HttpSession session = request.getSession(false);
    return session != null ? "session:" + session.getId()
        : "request:" + System.identityHashCode(request) + ":" + System.nanoTime();
  }
}
