package dev.krb5gss.jaas;

import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/** Test helper: a Subject logged in by {@link KeytabLoginModule} through a real LoginContext. */
final class OurLogin {
  private OurLogin() {}

  static Subject subject(Map<String, String> options) throws LoginException {
    Configuration config = new Configuration() {
      @Override
      public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
        return new AppConfigurationEntry[] {new AppConfigurationEntry(
            KeytabLoginModule.class.getName(),
            AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
      }
    };
    LoginContext lc = new LoginContext("krb5gss-test", new Subject(), null, config);
    lc.login();
    return lc.getSubject();
  }
}
