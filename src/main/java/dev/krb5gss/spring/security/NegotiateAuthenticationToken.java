package dev.krb5gss.spring.security;

import dev.krb5gss.web.AuthenticatedUser;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * A client authenticated by HTTP Negotiate (RFC 4559) through krb5gss: its Kerberos principal
 * name (e.g. {@code alice@EXAMPLE.COM}) as the Spring Security name, the mechanism it used
 * ({@code KRB5}, {@code MS_KRB5} or {@code SPNEGO}), when its ticket ends (RFC 4120 §5.3
 * endtime; after that {@link NegotiateAuthenticationFilter} challenges again), and authorities from
 * the {@link dev.krb5gss.web.RoleMapper}. It holds no credentials and no keys, so it is safe to keep
 * in an HTTP session and to serialize.
 */
public final class NegotiateAuthenticationToken extends AbstractAuthenticationToken {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final String mechanism;
  private final Instant expiresAt;

  NegotiateAuthenticationToken(AuthenticatedUser user,
      Collection<? extends GrantedAuthority> authorities) {
    super(authorities);
    this.name = user.getName();
    this.mechanism = user.mechanism().name();
    this.expiresAt = Objects.requireNonNull(user.expiresAt(), "expiresAt");
    super.setAuthenticated(true);
  }

  /** The client's principal name, e.g. {@code alice@EXAMPLE.COM}. */
  @Override
  public Object getPrincipal() {
    return name;
  }

  @Override
  public String getName() {
    return name;
  }

  /** Always empty: the ticket and its keys stay with the acceptor. */
  @Override
  public Object getCredentials() {
    return "";
  }

  /** The negotiated mechanism: {@code KRB5}, {@code MS_KRB5} or {@code SPNEGO}. */
  public String mechanism() {
    return mechanism;
  }

  /** The end time of the client's ticket. */
  public Instant expiresAt() {
    return expiresAt;
  }

  /** True once the ticket has ended at {@code now}. */
  public boolean isExpiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  @Override
  public void setAuthenticated(boolean authenticated) {
    if (authenticated) {
      throw new IllegalArgumentException("only NegotiateAuthenticationFilter authenticates a token");
    }
    super.setAuthenticated(false);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NegotiateAuthenticationToken t && super.equals(o)
        && name.equals(t.name) && mechanism.equals(t.mechanism) && expiresAt.equals(t.expiresAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(super.hashCode(), name, mechanism, expiresAt);
  }

  @Override
  public String toString() {
    return "NegotiateAuthenticationToken[" + name + ", " + mechanism + ", until " + expiresAt
        + ", " + getAuthorities() + "]";
  }
}
