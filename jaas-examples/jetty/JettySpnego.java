package example.krb5gss;

import java.nio.file.Path;
import org.eclipse.jetty.security.AnyUserLoginService;
import org.eclipse.jetty.security.DefaultIdentityService;
import org.eclipse.jetty.security.LoginService;
import org.eclipse.jetty.security.SPNEGOLoginService;

/**
 * Jetty 12 SPNEGO in code. Jetty's SPNEGOLoginService logs the service in with the JDK's
 * Krb5LoginModule (from keyTabPath, serviceName and hostName) on start; with the krb5gss
 * provider installed (krb5gss.ini) krb5gss accepts the clients' tokens, reading the KeyTab that
 * login put into the Subject.
 */
public final class JettySpnego {
  private JettySpnego() {}

  /**
   * A login service for {@code serviceName/hostName@realm} from {@code keytab}; {@code roles}
   * gives authenticated users their roles (null: every Kerberos user is accepted, no roles).
   * Hand it to a SecurityHandler with an SPNEGOAuthenticator, then start the server.
   */
  public static SPNEGOLoginService loginService(String realm, Path keytab, String serviceName,
      String hostName, LoginService roles) {
    LoginService users = roles != null ? roles : new AnyUserLoginService(realm, null);
    SPNEGOLoginService spnego = new SPNEGOLoginService(realm, users);
    spnego.setKeyTabPath(keytab);
    spnego.setServiceName(serviceName);
    spnego.setHostName(hostName);
    spnego.setIdentityService(new DefaultIdentityService());
    return spnego;
  }
}
