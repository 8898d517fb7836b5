package dev.krb5gss.web.tomcat;

import java.security.Principal;
import java.util.List;
import org.apache.catalina.realm.GenericPrincipal;
import org.apache.catalina.realm.RealmBase;

/**
 * A Tomcat realm that gives every Kerberos-authenticated user one role, "users" unless named
 * (Tomcat's SPNEGO authenticator asks the realm for the roles of the name it authenticated, realm
 * stripped).
 */
public class UsersRealm extends RealmBase {
  private final List<String> roles;

  /** Every user has the role "users". */
  public UsersRealm() {
    this("users");
  }

  /** Every user has the role {@code role}. */
  public UsersRealm(String role) {
    this.roles = List.of(role);
  }

  @Override
  protected String getPassword(String username) {
    return null;
  }

  @Override
  protected Principal getPrincipal(String username) {
    return new GenericPrincipal(username, roles);
  }
}
