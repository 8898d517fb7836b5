package dev.krb5gss.web.tomcat;

import dev.krb5gss.web.NegotiateAdapter;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.catalina.Context;
import org.apache.catalina.Realm;
import org.apache.catalina.connector.Request;
import org.apache.tomcat.util.descriptor.web.SecurityConstraint;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;

/**
 * The container realm's part, as Tomcat's {@code SpnegoAuthenticator} leaves it to the realm:
 * the authenticated name through {@code Realm.authenticate(GSSName, GSSCredential)} (so the
 * realm's {@code stripRealmForGss} and its {@code getPrincipal} for the user's roles apply), and
 * the explanation of a 403 (which constraint roles the realm did not grant).
 */
final class RealmLookup {
  /** Names only: a name without a mechanism never consults the provider list. */
  private static final GSSManager NAMES = GSSManager.getInstance();

  private RealmLookup() {}

  /** The realm's principal for {@code name}, or null when the realm has no such user. */
  static Principal principal(Realm realm, String name) {
    if (realm == null) {
      return null;
    }
    GSSName gssName;
    try {
      // A name without a mechanism: only its text, no provider is consulted (RFC 2743 §2.4.5).
      gssName = NAMES.createName(name, GSSName.NT_USER_NAME);
    } catch (GSSException e) {
      return null;
    }
    return realm.authenticate(gssName, null);
  }

  /** Logs at FINE the roles the constraints of {@code request} want and the realm did not grant. */
  static void explainForbidden(Context context, Request request, String rolesFrom) {
    Realm realm = context == null ? null : context.getRealm();
    Principal user = request.getUserPrincipal();
    if (realm == null || user == null) {
      return;
    }
    SecurityConstraint[] constraints = realm.findSecurityConstraints(request, context);
    Set<String> wanted = new LinkedHashSet<>();
    for (SecurityConstraint c : constraints == null ? new SecurityConstraint[0] : constraints) {
      for (String role : c.findAuthRoles()) {
        if (!role.equals("*") && !role.equals("**")) {
          wanted.add(role);
        }
      }
    }
    List<String> missing = new ArrayList<>();
    for (String role : wanted) {
      if (!realm.hasRole(request.getWrapper(), user, role)) {
        missing.add(role);
      }
    }
    if (!missing.isEmpty()) {
      NegotiateAdapter.roleNotGranted(user.getName(), missing, rolesFrom);
    }
  }
}
