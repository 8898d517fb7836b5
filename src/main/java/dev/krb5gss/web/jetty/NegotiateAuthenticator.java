package dev.krb5gss.web.jetty;

import dev.krb5gss.web.AdapterSettings;
import dev.krb5gss.web.AdapterSettings.Setting;
import dev.krb5gss.web.AuthenticatedUser;
import dev.krb5gss.web.InvalidSettingException;
import dev.krb5gss.web.NegotiateAdapter;
import dev.krb5gss.web.NegotiateAttributes;
import dev.krb5gss.web.NegotiateHandler;
import dev.krb5gss.web.NegotiateHeader;
import dev.krb5gss.web.NegotiateOutcome;
import java.lang.System.Logger.Level;
import java.security.Principal;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLSession;
import javax.security.auth.Subject;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.security.AuthenticationState;
import org.eclipse.jetty.security.Authenticator;
import org.eclipse.jetty.security.LoginService;
import org.eclipse.jetty.security.UserIdentity;
import org.eclipse.jetty.security.UserPrincipal;
import org.eclipse.jetty.security.authentication.LoginAuthenticator;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

/**
 * A Jetty 12 authenticator for HTTP Negotiate (RFC 4559) on krb5gss's server-context state
 * machine, in place of Jetty's {@code SPNEGOAuthenticator}: multi-leg SPNEGO kept in the
 * acceptor's pending-context store keyed by {@code ConnectionMetaData.getId()} (one TCP
 * connection), the mutual-authentication token on the final 200, 401/403 with one log line per
 * failure, RFC 5929 channel bindings from the TLS session's server certificate (needs Jetty's
 * {@code SecureRequestCustomizer}), and no new challenge on an authenticated keep-alive
 * connection.
 *
 * <p><b>Roles</b> come from the security handler's {@link LoginService} when it has one (the
 * authenticated name, {@code stripRealm} applied, through
 * {@link LoginService#getUserIdentity(Subject, Principal, boolean)}, as Jetty's
 * {@code SPNEGOLoginService} delegates to a wrapped service), unless the handler has a
 * {@link dev.krb5gss.web.RoleMapper}; without either, users have no roles.
 *
 * <p><b>Configuration</b> by setters, e.g. from Jetty XML ({@code <Set name="maxSkew">PT2M</Set>}):
 * the same attributes as the Tomcat valve (see {@link AdapterSettings.Setting}). A bad value fails
 * the start of the security handler, naming the attribute. The getters report the pending
 * store's counts (pending, expired, refused, evicted).
 */
public class NegotiateAuthenticator extends AbstractLifeCycle
    implements Authenticator, NegotiateAttributes {
  private static final System.Logger LOG = System.getLogger(NegotiateAdapter.STARTUP_LOGGER);

  private final AdapterSettings settings = new AdapterSettings();
  private volatile NegotiateAdapter adapter;
  private volatile LoginService loginService;

  /** For configuration by setters (Jetty XML). */
  public NegotiateAuthenticator() {}

  /** With a handler built in code; only adapter-level settings may be added. */
  public NegotiateAuthenticator(NegotiateHandler handler) {
    settings.handler(java.util.Objects.requireNonNull(handler, "handler"));
  }

  /** The settings recorded from this adapter's attributes. */
  @Override
  public AdapterSettings settings() {
    return settings;
  }

  /** The handler, once started. */
  @Override
  public NegotiateHandler handler() {
    NegotiateAdapter a = adapter;
    return a == null ? null : a.handler();
  }

  @Override
  protected void doStart() throws Exception {
    adapter();
    super.doStart();
  }

  /** Builds the adapter once; a bad setting fails the caller's start. */
  private synchronized NegotiateAdapter adapter() {
    if (adapter == null) {
      try {
        adapter = settings.build();
      } catch (InvalidSettingException e) {
        throw new IllegalStateException("krb5gss NegotiateAuthenticator: " + e.getMessage(), e);
      }
    }
    return adapter;
  }

  @Override
  public void setConfiguration(Configuration configuration) {
    this.loginService = configuration.getLoginService();
    NegotiateAdapter a = adapter();
    LOG.log(Level.INFO, "krb5gss NegotiateAuthenticator started: {0}; roles from {1}", a,
        a.mapsRoles() ? "handler's role mapper"
            : loginService == null ? "nowhere (no LoginService, no role mapper)"
            : "login service " + loginService.getName());
  }

  @Override
  public String getAuthenticationType() {
    return Authenticator.SPNEGO_AUTH;
  }

  @Override
  public AuthenticationState validateRequest(Request request, Response response,
      Callback callback) {
    NegotiateAdapter a = adapter();
    String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    NegotiateOutcome outcome = a.handle(a.request(authorization,
        "connection:" + request.getConnectionMetaData().getId(),
        Request.getRemoteAddr(request), Request.getRemotePort(request),
        serverCertificate(request)));
    outcome.wwwAuthenticate()
        .ifPresent(h -> response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, h));
    if (outcome.isAuthenticated()) {
      UserIdentity identity = identity(a, outcome.user().orElseThrow());
      if (identity != null) {
        return new LoginAuthenticator.UserAuthenticationSucceeded(getAuthenticationType(),
            identity);
      }
      NegotiateAdapter.unknownToRealm(Request.getRemoteAddr(request) + ":"
          + Request.getRemotePort(request), a.userName(outcome.user().get()),
          "login service " + loginService.getName());
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, NegotiateHeader.SCHEME);
      Response.writeError(request, response, callback, 401);
      return AuthenticationState.SEND_FAILURE;
    }
    if (authorization != null
        && a.closesConnection(request.getHeaders().get(HttpHeader.USER_AGENT))) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
    Response.writeError(request, response, callback, outcome.status());
    return outcome.kind() == NegotiateOutcome.Kind.REJECTED
        ? AuthenticationState.SEND_FAILURE : AuthenticationState.CHALLENGE;
  }

  /** The role mapper's identity, or the login service's for the name (null: unknown to it). */
  private UserIdentity identity(NegotiateAdapter a, AuthenticatedUser user) {
    String name = a.userName(user);
    Subject subject = new Subject();
    subject.getPrincipals().add(user);
    LoginService login = loginService;
    if (a.mapsRoles() || login == null) {
      Principal principal = new UserPrincipal(name, null);
      subject.setReadOnly();
      return new RoleCheckedIdentity(UserIdentity.from(subject, principal,
          user.roles().toArray(new String[0])), a.mapsRoles() ? "handler's role mapper"
              : "authenticator (no LoginService, no role mapper)");
    }
    UserIdentity found = login.getUserIdentity(subject, new UserPrincipal(name, null), true);
    return found == null ? null
        : new RoleCheckedIdentity(found, "login service " + login.getName());
  }

  /** The certificate this server presented on the request's TLS connection, if any. */
  private static X509Certificate serverCertificate(Request request) {
    if (!request.isSecure()
        || !(request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE)
            instanceof EndPoint.SslSessionData)) {
      return null;
    }
    SSLSession session = ((EndPoint.SslSessionData)
        request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE)).sslSession();
    Certificate[] local = session == null ? null : session.getLocalCertificates();
    return local != null && local.length > 0 && local[0] instanceof X509Certificate
        ? (X509Certificate) local[0] : null;
  }
}
