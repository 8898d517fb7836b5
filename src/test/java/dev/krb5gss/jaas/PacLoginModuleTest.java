package dev.krb5gss.jaas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PacLoginModule's contract with its caller and its options; the principals it adds from a real
 * AD PAC are checked against Samba by {@code dev.krb5gss.ad.AdTomcatExamplesTest}.
 */
class PacLoginModuleTest {

  @Test
  void aCallerThatCannotPassThePacIsTold() {
    CallbackHandler nameOnly = callbacks -> {
      for (Callback c : callbacks) {
        if (c instanceof NameCallback name) {
          name.setName("alice");
        } else {
          throw new UnsupportedCallbackException(c, "only names here");
        }
      }
    };
    assertThatThrownBy(() -> login(Map.of(), nameOnly, new Subject()))
        .isInstanceOf(LoginException.class)
        .hasMessage("PacLoginModule needs a caller that passes the client's PAC (a PacCallback),"
            + " such as dev.krb5gss.web.tomcat.PacJaasRealm; got: only names here");
  }

  @Test
  void unknownOptionsAndBadMappingsAreRefused(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> login(Map.of("rolemapping", "x"), answering(), new Subject()))
        .isInstanceOf(LoginException.class)
        .hasMessage("PacLoginModule: unknown option 'rolemapping'; expected only roleMapping");
    Path roles = dir.resolve("roles.properties");
    Files.writeString(roles, "DOMAIN_USERS = users\nDomain Admins = admin\n");
    assertThatThrownBy(() -> login(Map.of("roleMapping", roles.toString()), answering(),
        new Subject()))
        .isInstanceOf(LoginException.class)
        .hasMessageStartingWith("PacLoginModule option roleMapping=\"" + roles + "\": " + roles
            + ":2: expected a SID (S-1-5-21-...) or one of");
  }

  /** A ticket without a PAC (an MIT realm): only the client's KerberosPrincipal, removed at logout. */
  @Test
  void withoutAPacOnlyTheClientIsAdded() throws Exception {
    Subject subject = new Subject();
    LoginContext login = login(Map.of(), answering(), subject);
    assertThat(subject.getPrincipals())
        .containsExactly(new KerberosPrincipal("alice@MIT.EXAMPLE"));
    login.logout();
    assertThat(subject.getPrincipals()).isEmpty();
  }

  private static CallbackHandler answering() {
    return callbacks -> {
      for (Callback c : callbacks) {
        ((PacCallback) c).set("alice@MIT.EXAMPLE", null);
      }
    };
  }

  private static LoginContext login(Map<String, String> options, CallbackHandler handler,
      Subject subject) throws LoginException {
    AppConfigurationEntry entry = new AppConfigurationEntry(PacLoginModule.class.getName(),
        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options);
    LoginContext login = new LoginContext("pac", subject, handler, new Configuration() {
      @Override
      public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
        return new AppConfigurationEntry[] {entry};
      }
    });
    login.login();
    return login;
  }
}
