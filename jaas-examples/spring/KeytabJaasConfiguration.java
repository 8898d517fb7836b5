package example.krb5gss;

import java.nio.file.Path;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/**
 * A JAAS Configuration built in code: for applications (Spring or plain Java) that keep the
 * keytab and principal in their own settings rather than in a jaas.conf. It holds one entry,
 * {@value #ENTRY}, for dev.krb5gss.jaas.KeytabLoginModule, and never touches the JVM-wide
 * Configuration.
 *
 * <pre>{@code
 * @Bean
 * KeytabJaasConfiguration krb5gssJaas(@Value("${krb5gss.keytab}") Path keytab,
 *                                     @Value("${krb5gss.principal}") String principal) {
 *   return new KeytabJaasConfiguration(keytab, principal);
 * }
 *
 * @Bean(destroyMethod = "logout")
 * LoginContext serviceLogin(KeytabJaasConfiguration jaas) throws LoginException {
 *   return jaas.login();                 // lc.getSubject() runs the GSSManager calls
 * }
 * }</pre>
 */
public final class KeytabJaasConfiguration extends Configuration {
  /** The entry name. */
  public static final String ENTRY = "krb5gss-acceptor";
  private static final String MODULE = "dev.krb5gss.jaas.KeytabLoginModule";

  private final AppConfigurationEntry entry;

  /** {@code principal}: a name, a comma-separated list, or {@code *}. */
  public KeytabJaasConfiguration(Path keytab, String principal) {
    this(Map.of("keyTab", keytab.toString(), "principal", principal));
  }

  /** Any KeytabLoginModule options (e.g. allowedPrincipals, reloadInterval, debug). */
  public KeytabJaasConfiguration(Map<String, String> options) {
    this.entry = new AppConfigurationEntry(MODULE, LoginModuleControlFlag.REQUIRED,
        Map.copyOf(options));
  }

  @Override
  public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
    return ENTRY.equals(name) ? new AppConfigurationEntry[] {entry} : null;
  }

  /** Logs the service in (keytab checks only, no KDC contact); keep it, and logout() at shutdown. */
  public LoginContext login() throws LoginException {
    LoginContext lc = new LoginContext(ENTRY, new Subject(), null, this);
    lc.login();
    return lc;
  }
}
