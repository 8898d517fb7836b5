package dev.krb5gss.spring.security;

import dev.krb5gss.web.NegotiateRequest;
import jakarta.servlet.ServletConnection;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * A {@link NegotiateRequest} from a servlet request. The connection key is Servlet 6's
 * {@code ServletConnection.getConnectionId()} (stable for one TCP connection, so the legs of a
 * multi-leg SPNEGO negotiation find each other, RFC 4559 §6); where a container gives none, an
 * existing session's id; never a new session (creating one per unauthenticated request would let
 * anyone fill the session store).
 */
final class ServletNegotiateRequests {
  private ServletNegotiateRequests() {}

  static NegotiateRequest of(HttpServletRequest request) {
    return NegotiateRequest.of(request.getHeader("Authorization"), connectionKey(request),
        request.getRemoteAddr(), request.getRemotePort());
  }

  static String connectionKey(HttpServletRequest request) {
    ServletConnection connection = request.getServletConnection();
    String id = connection == null ? null : connection.getConnectionId();
    if (id != null && !id.isEmpty()) {
      return "connection:" + id;
    }
    HttpSession session = request.getSession(false);
    return session != null ? "session:" + session.getId()
        : "request:" + System.identityHashCode(request) + ":" + System.nanoTime();
  }
}
