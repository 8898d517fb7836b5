package dev.krb5gss.web.jetty;

import dev.krb5gss.web.AuthenticatedUser;
import dev.krb5gss.web.NegotiateHandler;
import dev.krb5gss.web.NegotiateOutcome;
import dev.krb5gss.web.NegotiateRequest;
import dev.krb5gss.web.TlsServerEndPoint;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.SSLSession;
import javax.security.auth.Subject;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.security.AuthenticationState;
import org.eclipse.jetty.security.Authenticator;
import org.eclipse.jetty.security.UserIdentity;
import org.eclipse.jetty.security.authentication.LoginAuthenticator;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A Jetty 12 authenticator for HTTP Negotiate (RFC 4559) on krb5gss's server-context state
 * machine, in place of Jetty's {@code SPNEGOAuthenticator}: multi-leg SPNEGO kept in the
 * acceptor's pending-context store keyed by {@code ConnectionMetaData.getId()} (one TCP
 * connection), the mutual-authentication token on the final 200, 401/403 with one log line per
 * failure, roles from a {@link dev.krb5gss.web.RoleMapper}, RFC 5929 channel bindings from the
 * TLS session's server certificate (needs Jetty's {@code SecureRequestCustomizer}), and, when
 * the handler turns connection reuse on, no new challenge on an authenticated keep-alive
 * connection. It authenticates by itself: the security handler needs no {@code LoginService}.
 * The getters report the pending store's counts (pending, expired, refused, evicted), so an
 * operator can see a flood of half-open negotiations.
 */
public class NegotiateAuthenticator implements Authenticator {
  private final NegotiateHandler handler;

  public NegotiateAuthenticator(NegotiateHandler handler) {
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  /**
   * Requires a PAC (MS-PAC) in every ticket. The handler's acceptor enforces it (Reason
   * PAC_REQUIRED): build it with {@code Acceptor.builder().requirePac(true)}; this setter checks
   * that it was, so a configuration asking for PACs can never silently accept tickets without.
   *
   * @throws IllegalStateException if {@code require} is true and the acceptor does not require one
   */
  public void setRequirePac(boolean require) {
    if (require && !handler.acceptor().apAcceptor().policy().requirePac()) {
      throw new IllegalStateException("requirePac=true, but the handler's acceptor accepts "
          + "tickets without a PAC: build it with Acceptor.builder().requirePac(true)");
    }
  }

  /** Whether the handler's acceptor refuses tickets without a PAC. */
  public boolean isRequirePac() {
    return handler.acceptor().apAcceptor().policy().requirePac();
  }

  public NegotiateHandler handler() {
    return handler;
  }

  /** Negotiations waiting for their next leg in the acceptor's pending store. */
  public long getPendingCount() {
    return handler.acceptor().pendingContexts().pendingCount();
  }

  /** Pending negotiations that expired (leg timeout), since start. */
  public long getExpiredCount() {
    return handler.acceptor().pendingContexts().expiredCount();
  }

  /** Negotiations refused a pending slot (per-client cap), since start. */
  public long getRefusedCount() {
    return handler.acceptor().pendingContexts().refusedCount();
  }

  /** Pending negotiations evicted while the store was full (a flood?), since start. */
  public long getEvictedCount() {
    return handler.acceptor().pendingContexts().evictedCount();
  }

  @Override
  public void setConfiguration(Configuration configuration) {
    // Nothing to take from the security handler: keys and policy come with the handler.
  }

  @Override
  public String getAuthenticationType() {
    return Authenticator.SPNEGO_AUTH;
  }

  @Override
  public AuthenticationState validateRequest(Request request, Response response,
      Callback callback) {
    NegotiateOutcome outcome = handler.handle(negotiateRequest(request));
    outcome.wwwAuthenticate()
        .ifPresent(h -> response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, h));
    if (outcome.isAuthenticated()) {
      return new LoginAuthenticator.UserAuthenticationSucceeded(getAuthenticationType(),
          identity(outcome.user().orElseThrow()));
    }
    Response.writeError(request, response, callback, outcome.status());
    return outcome.kind() == NegotiateOutcome.Kind.REJECTED
        ? AuthenticationState.SEND_FAILURE : AuthenticationState.CHALLENGE;
  }

  private static UserIdentity identity(AuthenticatedUser user) {
    Subject subject = new Subject();
    subject.getPrincipals().add(user);
    subject.setReadOnly();
    return UserIdentity.from(subject, user, user.roles().toArray(new String[0]));
  }

  private static NegotiateRequest negotiateRequest(Request request) {
    NegotiateRequest r = NegotiateRequest.of(
        request.getHeaders().get(HttpHeader.AUTHORIZATION),
        "connection:" + request.getConnectionMetaData().getId(),
        Request.getRemoteAddr(request), Request.getRemotePort(request));
    X509Certificate cert = serverCertificate(request);
    return cert == null ? r
        : TlsServerEndPoint.bindingsIfDefined(cert).map(r::withBindings).orElse(r);
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
