package dev.krb5gss.web;

import dev.krb5gss.context.Negotiated;
import dev.krb5gss.name.PrincipalName;
import java.security.Principal;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A client authenticated by an HTTP Negotiate exchange (RFC 4559): its Kerberos principal, the
 * roles the {@link RoleMapper} gave it, the mechanism it used and when its ticket ends (RFC 4120
 * §5.3 endtime), after which a connection it authenticated is challenged again.
 */
public final class AuthenticatedUser implements Principal {
  private final PrincipalName principal;
  private final Set<String> roles;
  private final Negotiated mechanism;
  private final Instant expiresAt;

  AuthenticatedUser(PrincipalName principal, Set<String> roles, Negotiated mechanism,
      Instant expiresAt) {
    this.principal = Objects.requireNonNull(principal, "principal");
    this.roles = Set.copyOf(roles);
    this.mechanism = Objects.requireNonNull(mechanism, "mechanism");
    this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** The full principal name, e.g. {@code alice@EXAMPLE.COM}: the container's remote user. */
  @Override
  public String getName() {
    return principal.toString();
  }

  public PrincipalName principal() {
    return principal;
  }

  public Set<String> roles() {
    return roles;
  }

  public Negotiated mechanism() {
    return mechanism;
  }

  /** The ticket's end time. */
  public Instant expiresAt() {
    return expiresAt;
  }

  @Override
  public String toString() {
    return "AuthenticatedUser[" + principal + ", roles " + roles + ", " + mechanism
        + ", until " + expiresAt + "]";
  }
}
