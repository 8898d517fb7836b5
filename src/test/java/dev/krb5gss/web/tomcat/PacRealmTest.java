package dev.krb5gss.web.tomcat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.authenticator.SpnegoAuthenticator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The role-mapping attributes fail the start naming the attribute, file and line; the PAC
 * realms' user names (Tomcat's {@code stripRealmForGss}, escaped {@code @} kept). Roles from real
 * AD tickets: {@code dev.krb5gss.ad.AdRolesInteropTest}.
 */
class PacRealmTest {

  @Test
  void pacRealmNeedsAMapping() {
    assertThatThrownBy(() -> EmbeddedTomcat.start(new SpnegoAuthenticator(), new PacRealm()))
        .isInstanceOf(LifecycleException.class)
        .hasStackTraceContaining("PacRealm needs roleMapping=\"/path/roles.properties\"");
  }

  @Test
  void aBadMappingFailsTheStartNamingAttributeFileAndLine(@TempDir Path dir) throws Exception {
    Path roles = dir.resolve("roles.properties");
    Files.writeString(roles, "# roles\nS-1-5-21-1-2 admin\n");
    PacRealm realm = new PacRealm();
    realm.setRoleMapping(roles.toString());
    assertThatThrownBy(() -> EmbeddedTomcat.start(new SpnegoAuthenticator(), realm))
        .isInstanceOf(LifecycleException.class)
        .hasStackTraceContaining("PacRealm attribute roleMapping=\"" + roles + "\": " + roles
            + ":2: expected 'SID = role' or 'DOMAIN_ADMINS = role', got 'S-1-5-21-1-2 admin'");
  }

  @Test
  void userNamesStripTheRealmAtTheLastUnescapedAt() {
    assertThat(PacRealms.strip("alice@SAMDOM.TEST", true)).isEqualTo("alice");
    assertThat(PacRealms.strip("alice\\@samdom.test@SAMDOM.TEST", true))
        .isEqualTo("alice\\@samdom.test");
    assertThat(PacRealms.strip("alice@SAMDOM.TEST", false)).isEqualTo("alice@SAMDOM.TEST");
    assertThat(PacRealms.strip("alice", true)).isEqualTo("alice");
  }
}
