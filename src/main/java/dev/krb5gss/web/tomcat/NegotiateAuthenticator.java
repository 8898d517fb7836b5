package dev.krb5gss.web.tomcat;

import dev.krb5gss.ap.ChannelBindings;
import dev.krb5gss.context.Acceptor;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.replay.ReplayCaches;
import dev.krb5gss.web.AuthenticatedUser;
import dev.krb5gss.web.NegotiateHandler;
import dev.krb5gss.web.NegotiateHeader;
import dev.krb5gss.web.NegotiateOutcome;
import dev.krb5gss.web.NegotiateRequest;
import dev.krb5gss.web.TlsServerEndPoint;
import jakarta.servlet.ServletConnection;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.authenticator.AuthenticatorBase;
import org.apache.catalina.connector.Request;
import org.apache.catalina.realm.GenericPrincipal;

/**
 * A Tomcat authenticator valve for HTTP Negotiate (RFC 4559) on krb5gss's server-context state
 * machine, in place of Tomcat's {@code SpnegoAuthenticator}: multi-leg SPNEGO kept per connection
 * in the acceptor's pending-context store, the mutual-authentication token on the final 200,
 * 401/403 with one log line per failure, roles from a {@link dev.krb5gss.web.RoleMapper}, RFC 5929
 * channel bindings on TLS when {@link #setServerCertificate} is given, and, when the handler
 * turns connection reuse on (off by default), no new challenge on an authenticated keep-alive
 * connection. The getters report the pending store's counts (pending, expired, refused, evicted),
 * so an operator can see a flood of half-open negotiations.
 *
 * <p>Connection identity: Servlet 6's {@code ServletConnection.getConnectionId()}, which Tomcat
 * draws from one JVM-wide counter per accepted socket, so it is stable for a TCP connection and
 * never reused; where a container gives none, the HTTP session id (the client must then keep
 * the session cookie between legs).
 *
 * <p>Configure it in code with a {@link NegotiateHandler}, or from {@code context.xml} with
 * {@code keytab="/etc/http.keytab"} (an acceptor with default policy on that keytab).
 */
public class NegotiateAuthenticator extends AuthenticatorBase {
  /** Tomcat's name for the SPNEGO auth method. */
  public static final String AUTH_METHOD = "SPNEGO";

  private volatile NegotiateHandler handler;
  private volatile String keytab;
  private volatile ChannelBindings serverBindings;
  private volatile boolean requirePac;
  private volatile String replayCache;

  /** For configuration by attributes ({@link #setKeytab}). */
  public NegotiateAuthenticator() {}

  public NegotiateAuthenticator(NegotiateHandler handler) {
    this.handler = handler;
  }

  /** The keytab for an acceptor with default policy, when no handler was given. */
  public void setKeytab(String keytab) {
    this.keytab = keytab;
  }

  /**
   * Refuse tickets without a PAC (MS-PAC; Reason PAC_REQUIRED, a 401): attribute
   * {@code requirePac="true"}. With a handler given in code, its acceptor must have been built
   * with {@code Acceptor.builder().requirePac(true)}, else the valve refuses to start.
   */
  public void setRequirePac(boolean require) {
    this.requirePac = require;
  }

  /**
   * The replay cache of the acceptor built from {@link #setKeytab} (attribute
   * {@code replayCache}): a URI for {@link ReplayCaches#fromUri}, e.g. {@code redis://host:6379/0}
   * for a cache shared by every node behind the load balancer. Unset: the
   * {@value ReplayCaches#PROPERTY} property, else the acceptor's own in-memory cache.
   */
  public void setReplayCache(String uri) {
    this.replayCache = uri;
  }

  /**
   * This server's TLS certificate, whose RFC 5929 binding clients may present on HTTPS.
   *
   * @throws IllegalArgumentException for a certificate RFC 5929 defines no binding for (Ed25519)
   */
  public void setServerCertificate(X509Certificate certificate) {
    this.serverBindings = certificate == null ? null : TlsServerEndPoint.bindings(certificate);
  }

  public NegotiateHandler handler() {
    return handler;
  }

  /** Negotiations waiting for their next leg in the acceptor's pending store (0 before start). */
  public long getPendingCount() {
    NegotiateHandler h = handler;
    return h == null ? 0 : h.acceptor().pendingContexts().pendingCount();
  }

  /** Pending negotiations that expired (leg timeout), since start. */
  public long getExpiredCount() {
    NegotiateHandler h = handler;
    return h == null ? 0 : h.acceptor().pendingContexts().expiredCount();
  }

  /** Negotiations refused a pending slot (per-client cap), since start. */
  public long getRefusedCount() {
    NegotiateHandler h = handler;
    return h == null ? 0 : h.acceptor().pendingContexts().refusedCount();
  }

  /** Pending negotiations evicted while the store was full (a flood?), since start. */
  public long getEvictedCount() {
    NegotiateHandler h = handler;
    return h == null ? 0 : h.acceptor().pendingContexts().evictedCount();
  }

  @Override
  protected String getAuthMethod() {
    return AUTH_METHOD;
  }

  @Override
  protected synchronized void startInternal() throws LifecycleException {
    if (handler == null) {
      if (keytab == null) {
        throw new LifecycleException("NegotiateAuthenticator needs a handler or a keytab");
      }
      try {
        Acceptor.Builder acceptor = Acceptor.builder().keytab(Path.of(keytab))
            .requirePac(requirePac);
        String uri = replayCache != null ? replayCache : ReplayCaches.configuredUri().orElse(null);
        if (uri != null) {
          acceptor.replayCache(ReplayCaches.fromUri(uri));
        }
        handler = NegotiateHandler.builder(acceptor.build()).build();
      } catch (IllegalArgumentException e) {
        throw new LifecycleException("replayCache: " + e.getMessage(), e);
      } catch (RejectedException e) {
        throw new LifecycleException("cannot build the acceptor: " + e.getMessage(), e);
      }
    }
    if (requirePac && !handler.acceptor().apAcceptor().policy().requirePac()) {
      throw new LifecycleException("requirePac=true, but the handler's acceptor accepts tickets "
          + "without a PAC: build it with Acceptor.builder().requirePac(true)");
    }
    super.startInternal();
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
    NegotiateOutcome outcome = handler.handle(negotiateRequest(request));
    outcome.wwwAuthenticate().ifPresent(h -> response.setHeader("WWW-Authenticate", h));
    if (outcome.isAuthenticated()) {
      AuthenticatedUser user = outcome.user().orElseThrow();
      GenericPrincipal principal =
          new GenericPrincipal(user.getName(), List.copyOf(user.roles()), user);
      register(request, response, principal, AUTH_METHOD, user.getName(), null);
      return true;
    }
    response.sendError(outcome.status());
    return false;
  }

  private NegotiateRequest negotiateRequest(Request request) {
    NegotiateRequest r = NegotiateRequest.of(request.getHeader("Authorization"),
        connectionKey(request), request.getRemoteAddr(), request.getRemotePort());
    ChannelBindings tls = serverBindings;
    return request.isSecure() && tls != null ? r.withBindings(tls) : r;
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
