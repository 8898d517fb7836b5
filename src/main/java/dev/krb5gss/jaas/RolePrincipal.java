package dev.krb5gss.jaas;

import java.io.Serializable;
import java.security.Principal;
import java.util.Objects;

/**
 * A role of an authenticated client as a JAAS {@link Principal}, mapped from the SIDs of its
 * verified PAC by {@link PacLoginModule}'s {@code roleMapping}; for containers that take roles
 * from principals of a class (Tomcat's {@code JAASRealm roleClassNames}).
 */
public final class RolePrincipal implements Principal, Serializable {
  private static final long serialVersionUID = 1L;

  private final String role;

  public RolePrincipal(String role) {
    this.role = Objects.requireNonNull(role, "role");
  }

  /** The role name. */
  @Override
  public String getName() {
    return role;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RolePrincipal && ((RolePrincipal) o).role.equals(role);
  }

  @Override
  public int hashCode() {
    return role.hashCode();
  }

  @Override
  public String toString() {
    return "RolePrincipal[" + role + "]";
  }
}
