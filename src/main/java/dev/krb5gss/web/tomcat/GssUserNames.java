package dev.krb5gss.web.tomcat;

/** The user name Tomcat's realms give a GSS-API initiator (RFC 2743 §2.2.6 src_name). */
final class GssUserNames {
  private GssUserNames() {}

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
