package dev.krb5gss.spring.security;

import dev.krb5gss.error.Reason;
import dev.krb5gss.web.AuthenticatedUser;
import dev.krb5gss.web.NegotiateHandler;
import dev.krb5gss.web.NegotiateOutcome;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs the legs of HTTP Negotiate (RFC 4559) in a Spring Security filter chain on krb5gss's
 * {@link NegotiateHandler}: the server-context state machine with multi-leg SPNEGO kept per TCP
 * connection under the acceptor's leg timeout and caps, every output token sent back in
 * {@code WWW-Authenticate} (the mutual-authentication token on the final response).
 *
 * <ul>
 *   <li>Authenticated: a {@link NegotiateAuthenticationToken} (authorities {@code ROLE_} + each
 *       role of the handler's {@link dev.krb5gss.web.RoleMapper}) goes into the security context
 *       and its repository; the request continues.
 *   <li>Another leg needed: 401 with the token; the chain stops.
 *   <li>Rejected: 401 with a fresh {@code Negotiate} challenge, or 403 where retrying cannot help,
 *       503 when a shared replay cache is unavailable, as the native adapters answer; the
 *       {@link Reason} is logged once (with the client address) by the handler and set as the
 *       request attribute {@link #REASON_ATTRIBUTE}; the chain stops.
 *   <li>No {@code Negotiate} header: the request continues unauthenticated, and the
 *       {@link NegotiateAuthenticationEntryPoint} challenges if the resource needs a user.
 * </ul>
 *
 * <p>An authentication kept in a session ends with the client's ticket: after its end time the
 * filter clears it and the client is challenged again.
 */
public final class NegotiateAuthenticationFilter extends OncePerRequestFilter {
  /** The request attribute that holds the {@link Reason} of a rejected negotiation. */
  public static final String REASON_ATTRIBUTE = "dev.krb5gss.reason";

  private final NegotiateHandler handler;
  private SecurityContextRepository repository = new RequestAttributeSecurityContextRepository();
  private SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();
  private String rolePrefix = "ROLE_";

  public NegotiateAuthenticationFilter(NegotiateHandler handler) {
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  /** Where an authenticated client's security context is saved (the chain's, by default). */
  public void setSecurityContextRepository(SecurityContextRepository repository) {
    this.repository = Objects.requireNonNull(repository, "repository");
  }

  public void setSecurityContextHolderStrategy(SecurityContextHolderStrategy strategy) {
    this.holder = Objects.requireNonNull(strategy, "strategy");
  }

  /** The prefix of the authorities made from roles; default {@code ROLE_}. */
  public void setRolePrefix(String prefix) {
    this.rolePrefix = Objects.requireNonNull(prefix, "prefix");
  }

  public NegotiateHandler handler() {
    return handler;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    String authorization = request.getHeader("Authorization");
    boolean negotiate = authorization != null
        && authorization.regionMatches(true, 0, "Negotiate", 0, 9);
    if (!negotiate && currentIsLive()) {
      chain.doFilter(request, response);
      return;
    }
    NegotiateOutcome outcome = handler.handle(ServletNegotiateRequests.of(request));
    outcome.wwwAuthenticate().ifPresent(h -> response.setHeader("WWW-Authenticate", h));
    switch (outcome.kind()) {
      case AUTHENTICATED:
        authenticate(outcome.user().orElseThrow(), request, response);
        chain.doFilter(request, response);
        return;
      case CHALLENGE:
        chain.doFilter(request, response);
        return;
      case CONTINUE:
        response.setStatus(outcome.status());
        return;
      case REJECTED:
      default:
        holder.clearContext();
        outcome.reason().ifPresent(r -> request.setAttribute(REASON_ATTRIBUTE, r));
        response.setStatus(outcome.status());
    }
  }

  /**
   * True when the request already carries a live authentication (e.g. from the session); one of
   * ours whose ticket has ended is cleared, so the client negotiates again.
   */
  private boolean currentIsLive() {
    Authentication current = holder.getContext().getAuthentication();
    if (current instanceof NegotiateAuthenticationToken token
        && token.isExpiredAt(Clock.systemUTC().instant())) {
      holder.clearContext();
      return false;
    }
    return current != null && current.isAuthenticated()
        && !(current instanceof AnonymousAuthenticationToken);
  }

  private void authenticate(AuthenticatedUser user, HttpServletRequest request,
      HttpServletResponse response) {
    List<GrantedAuthority> authorities = user.roles().stream().sorted()
        .map(role -> new SimpleGrantedAuthority(rolePrefix + role))
        .collect(Collectors.toList());
    SecurityContext context = holder.createEmptyContext();
    context.setAuthentication(new NegotiateAuthenticationToken(user, authorities));
    holder.setContext(context);
    repository.saveContext(context, request, response);
  }
}
