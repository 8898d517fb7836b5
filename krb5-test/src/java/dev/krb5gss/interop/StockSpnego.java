package dev.krb5gss.interop;

import java.nio.file.Path;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import org.apache.catalina.realm.GenericPrincipal;
import org.apache.catalina.realm.RealmBase;
import org.eclipse.jetty.security.AnyUserLoginService;
import org.eclipse.jetty.security.SPNEGOLoginService;

/**
 * What the stock container SPNEGO authenticators (RFC 4559) need, as deployments configure them:
 * Tomcat's JAAS entry for its service login and a realm granting {@code users}, and Jetty's
 * {@link SPNEGOLoginService} on a keytab. Shared by the MIT and the AD interop suites.
 */
public final class StockSpnego {
  /** The JAAS entry Tomcat's {@code SpnegoAuthenticator} logs its service in with. */
  public static final String TOMCAT_JAAS_ENTRY = "com.sun.security.jgss.krb5.accept";

  private StockSpnego() {}

  /**
   * Installs a JVM-wide JAAS configuration whose entry {@value #TOMCAT_JAAS_ENTRY} is the JDK's
   * Krb5LoginModule on {@code keytab} for {@code principal}; closing restores the previous one.
   */
  public static JaasScope tomcatServiceLogin(Path keytab, String principal) {
    return tomcatServiceLogin("com.sun.security.auth.module.Krb5LoginModule", Map.of(
        "useKeyTab", "true", "keyTab", keytab.toString(), "storeKey", "true",
        "isInitiator", "false", "doNotPrompt", "true", "principal", principal));
  }

  /** As above, with any login module and options (e.g. krb5gss's {@code KeytabLoginModule}). */
  public static JaasScope tomcatServiceLogin(String loginModule, Map<String, ?> options) {
    Configuration previous = currentJaas();
    AppConfigurationEntry entry = new AppConfigurationEntry(loginModule,
        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options);
    Configuration.setConfiguration(new Configuration() {
      @Override
      public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
        return TOMCAT_JAAS_ENTRY.equals(name) ? new AppConfigurationEntry[] {entry} : null;
      }
    });
    return () -> {
      if (previous != null) {
        Configuration.setConfiguration(previous);
      }
    };
  }

  /** Jetty's login service: the JDK's Krb5LoginModule on the keytab for {@code service/host}. */
  public static SPNEGOLoginService jettyLogin(String realm, Path keytab, String service,
      String host) {
    SPNEGOLoginService login =
        new SPNEGOLoginService(realm, new AnyUserLoginService(realm, null));
    login.setKeyTabPath(keytab);
    login.setServiceName(service);
    login.setHostName(host);
    return login;
  }

  private static Configuration currentJaas() {
    try {
      return Configuration.getConfiguration();
    } catch (SecurityException e) {
      return null; // no JAAS configuration file: nothing to restore
    }
  }

  /** A JAAS configuration in force until closed. */
  @FunctionalInterface
  public interface JaasScope extends AutoCloseable {
    @Override
    void close();
  }

  /** Gives every Kerberos-authenticated user the role "users" (Tomcat strips the realm). */
  public static class UsersRealm extends RealmBase {
    @Override
    protected String getPassword(String username) {
      return null;
    }

    @Override
    protected Principal getPrincipal(String username) {
      return new GenericPrincipal(username, List.of("users"));
    }
  }
}
