package dev.krb5gss.spring.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Starts HTTP Negotiate (RFC 4559 §4): 401 with {@code WWW-Authenticate: Negotiate}, so a browser
 * or {@code curl --negotiate} answers with its Kerberos or SPNEGO token.
 */
public final class NegotiateAuthenticationEntryPoint implements AuthenticationEntryPoint {
  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response,
      AuthenticationException authException) throws IOException {
    response.setHeader("WWW-Authenticate", "Negotiate");
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
  }
}
