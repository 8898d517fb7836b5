package dev.krb5gss.web.tomcat;

import java.security.Principal;
import java.util.List;
import org.apache.catalina.realm.GenericPrincipal;
import org.apache.catalina.realm.RealmBase;

/**
 * A Tomcat realm that gives every Kerberos-authenticated user the role "users" (Tomcat's SPNEGO
 * authenticator asks the realm for the roles of the name it authenticated, realm stripped).
 */
public class UsersRealm extends RealmBase {
  @Override
  protected String getPassword(String username) {
    return null;
  }

  @Override
  protected Principal getPrincipal(String username) {
    return new GenericPrincipal(username, List.of("users"));
  }
}
