package dev.krb5gss.web.jetty;

import dev.krb5gss.web.NegotiateAdapter;
import java.security.Principal;
import java.util.List;
import javax.security.auth.Subject;
import org.eclipse.jetty.security.UserIdentity;

/**
 * A user identity that says (at FINE, on {@link NegotiateAdapter#ROLES_LOGGER}) which role it
 * was refused: Jetty answers 403 when a constraint's role check fails, and without this line a
 * role the login service did not grant is indistinguishable from a rejected ticket.
 */
final class RoleCheckedIdentity implements UserIdentity {
  private final UserIdentity delegate;
  private final String grantedBy;

  RoleCheckedIdentity(UserIdentity delegate, String grantedBy) {
    this.delegate = delegate;
    this.grantedBy = grantedBy;
  }

  @Override
  public Subject getSubject() {
    return delegate.getSubject();
  }

  @Override
  public Principal getUserPrincipal() {
    return delegate.getUserPrincipal();
  }

  @Override
  public boolean isUserInRole(String role) {
    boolean granted = delegate.isUserInRole(role);
    if (!granted) {
      NegotiateAdapter.roleNotGranted(getUserPrincipal().getName(), List.of(role), grantedBy);
    }
    return granted;
  }

  @Override
  public String[] getRoles() {
    return delegate.getRoles();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
