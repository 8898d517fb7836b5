package dev.krb5gss.web.tomcat;

import dev.krb5gss.pac.Pac;
import java.util.Optional;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSName;

/**
 * What the PAC realms take from an established context: the user name Tomcat's realms give a
 * GSS-API initiator (RFC 2743 §2.2.6 src_name) and the verified PAC (MS-PAC).
 */
final class PacRealms {
  private PacRealms() {}

  /**
   * The context's PAC (empty for a ticket without one), or null after a WARNING when the context
   * is not the krb5gss provider's and so cannot show one.
   */
  @SuppressWarnings("OptionalAssignedToNull")
  static Optional<Pac> pacOrNull(GSSName client, GSSContext context, Class<?> realm) {
    try {
      return Pac.of(context);
    } catch (GSSException e) {
      System.getLogger(realm.getName()).log(System.Logger.Level.WARNING,
          "{0} cannot read the PAC of {1}''s context: {2}; is the krb5gss provider first in the"
              + " provider list?", realm.getSimpleName(), client, e.getMessage());
      return null;
    }
  }

  /**
   * {@code principal} without {@code @REALM} when {@code strip} (Tomcat's
   * {@code stripRealmForGss}). The realm starts at the last unescaped {@code @} (RFC 1964
   * §2.1.1), so an enterprise name {@code alice\@example.com@EXAMPLE.COM} keeps its escaped
   * {@code @}.
   */
  static String strip(String principal, boolean strip) {
    if (!strip) {
      return principal;
    }
    for (int i = principal.length() - 1; i > 0; i--) {
      if (principal.charAt(i) == '@' && principal.charAt(i - 1) != '\\') {
        return principal.substring(0, i);
      }
    }
    return principal;
  }
}
