package dev.krb5gss.interop;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/**
 * Acceptor credentials the way a Java service gets them: a JAAS login with the JDK's
 * {@code Krb5LoginModule} from a keytab ({@code isInitiator=false}, so no KDC is contacted), which
 * leaves a {@link javax.security.auth.kerberos.KeyTab} in the Subject (RFC 4120 §5.3 service
 * keys).
 */
public final class KeytabLogin {
  private static final String MODULE = "com.sun.security.auth.module.Krb5LoginModule";

  private KeytabLogin() {}

  /**
   * Logs in from a keytab. {@code principal} is a full principal name, or {@code "*"} for every
   * principal the keytab holds (an unbound acceptor).
   */
  public static Subject acceptor(Path keytab, String principal) throws LoginException {
    Map<String, String> options = new HashMap<>();
    options.put("useKeyTab", "true");
    options.put("keyTab", keytab.toString());
    options.put("storeKey", "true");
    options.put("isInitiator", "false");
    options.put("doNotPrompt", "true");
    options.put("principal", principal);
    options.put("refreshKrb5Config", "true");
    Subject subject = new Subject();
    new LoginContext("krb5gss-interop", subject, null, single(options)).login();
    return subject;
  }

  private static Configuration single(Map<String, String> options) {
    AppConfigurationEntry entry = new AppConfigurationEntry(
        MODULE, AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options);
    return new Configuration() {
      @Override
      public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
        return new AppConfigurationEntry[] {entry};
      }
    };
  }
}
