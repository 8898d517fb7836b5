package dev.krb5gss.ad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.context.Acceptor;
import dev.krb5gss.interop.AcceptorUnderTest;
import dev.krb5gss.interop.Curl;
import dev.krb5gss.interop.StockSpnego;
import dev.krb5gss.spring.SpringApps;
import dev.krb5gss.spring.StarterApp;
import dev.krb5gss.web.NegotiateHandler;
import dev.krb5gss.web.LogCapture;
import dev.krb5gss.web.RoleMapper;
import dev.krb5gss.web.jetty.EmbeddedJetty;
import dev.krb5gss.web.tomcat.EmbeddedTomcat;
import dev.krb5gss.web.tomcat.PacRealm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;
import org.apache.catalina.authenticator.SpnegoAuthenticator;
import org.apache.catalina.realm.NullRealm;
import org.eclipse.jetty.security.Constraint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * AD groups as roles, over {@code curl --negotiate} with Samba AD tickets: the PAC (MS-PAC §2.5)
 * lists alice's groups with nesting expanded by the DC, so alice, a member of {@code webinner},
 * which is a member of the mapped group {@code webadmins}, gets the role {@code admin} and reads
 * {@code /admin} (200); bob, in no such group, is refused (403); both read {@code /who}, which
 * needs {@code users}, mapped from the well-known {@code DOMAIN_USERS} RID of their domain. The
 * same {@code roles.properties} drives the native Tomcat valve and Jetty authenticator
 * ({@code roleMapping} attribute), the stock Tomcat {@link SpnegoAuthenticator} with
 * {@link PacRealm}, and the Spring Boot starter ({@code krb5gss.role-mapping}).
 */
@RequiresSambaAd
class AdRolesInteropTest {
  private static final String SERVICE = "HTTP/localhost";

  @RegisterExtension
  static final SambaDcExtension AD = SambaDcExtension.create();

  private static SambaDc dc;
  private static Path keytab;
  private static Path roles;
  private static Path bobCache;

  @BeforeAll
  static void directory() throws Exception {
    dc = AD.dc();
    dc.addUser("bob", "B0b-Pass!xyz");
    dc.addGroup("webadmins");
    dc.addGroup("webinner");
    dc.addMembers("webadmins", "webinner");
    dc.addMembers("webinner", SambaDcExtension.USER);
    keytab = AD.serviceKeytab("websvc", "W3bsvc-Pass!x", AdEnctypes.AES, SERVICE);
    roles = dc.file("roles.properties");
    Files.writeString(roles, "# AD groups of SAMDOM as web roles\n"
        + dc.sid("webadmins") + " = admin\n"
        + "DOMAIN_USERS = users\n");
    bobCache = dc.kinit("bob", "B0b-Pass!xyz");
  }

  @Test
  void nativeTomcatValveByAttributes() throws Exception {
    var valve = new dev.krb5gss.web.tomcat.NegotiateAuthenticator();
    valve.setKeytab(keytab.toString());
    valve.setRoleMapping(roles.toString());
    valve.setRequirePac(true); // AD tickets carry one
    try (EmbeddedTomcat tomcat = EmbeddedTomcat.start(valve, new NullRealm())) {
      assertAliceIsAdminAndBobIsNot(tomcat.port());
    }
  }

  @Test
  void aBadMappingFailsTheValvesStartNamingTheAttribute() throws Exception {
    Path bad = dc.file("bad-roles.properties");
    Files.writeString(bad, "DOMAIN_USERS = users\nDOMAIN_USERS = admin\n");
    var valve = new dev.krb5gss.web.tomcat.NegotiateAuthenticator();
    valve.setKeytab(keytab.toString());
    valve.setRoleMapping(bad.toString());
    assertThatThrownBy(() -> EmbeddedTomcat.start(valve, new NullRealm()))
        .hasStackTraceContaining("roleMapping=\"" + bad + "\"")
        .hasStackTraceContaining(bad + ":2: 'DOMAIN_USERS' is mapped again (first at line 1)");
  }

  @Test
  void aBadMappingFailsJettysStartNamingTheAttribute() throws Exception {
    Path bad = dc.file("bad-jetty-roles.properties");
    Files.writeString(bad, "DOMAIN_USERS = users\nS-1-5-21-1-2-3-4-x = admin\n");
    var authenticator = new dev.krb5gss.web.jetty.NegotiateAuthenticator(
        NegotiateHandler.builder(Acceptor.builder().keytab(keytab).build()).build());
    authenticator.setRoleMapping(bad.toString());
    assertThatThrownBy(() -> EmbeddedJetty.start(authenticator, null, Constraint.from("users"),
        null))
        .hasStackTraceContaining("roleMapping=\"" + bad + "\"")
        .hasStackTraceContaining(bad + ":2: expected a decimal number, got 'x'");
  }

  @Test
  void nativeJettyAuthenticator() throws Exception {
    var authenticator = new dev.krb5gss.web.jetty.NegotiateAuthenticator(
        NegotiateHandler.builder(Acceptor.builder().keytab(keytab).build())
            .roles(RoleMapper.fixed("ignored")).build());
    authenticator.setRoleMapping(roles.toString());
    try (EmbeddedJetty jetty = EmbeddedJetty.start(authenticator, null,
        Constraint.from("users"), null)) {
      assertAliceIsAdminAndBobIsNot(jetty.port());
    }
  }

  @Test
  void stockTomcatWithPacRealm() throws Exception {
    PacRealm realm = new PacRealm();
    realm.setRoleMapping(roles.toString());
    try (StockSpnego.JaasScope jaas = StockSpnego.tomcatServiceLogin(keytab, dc.qualify(SERVICE));
        AcceptorUnderTest.Installation installed = AcceptorUnderTest.KRB5GSS.install();
        EmbeddedTomcat tomcat = EmbeddedTomcat.start(new SpnegoAuthenticator(), realm)) {
      assertAliceIsAdminAndBobIsNot(tomcat.port());
      assertThat(get(AD.ccache(), tomcat.port(), "/who").body()).isEqualTo("user=alice");
    }
  }

  /**
   * The Spring Boot starter with nothing but properties: {@code krb5gss.role-mapping} takes the
   * same SID lines, and the roles reach {@code @PreAuthorize("hasRole('admin')")}.
   */
  @Test
  void springBootStarter() throws Exception {
    try (ConfigurableApplicationContext app = SpringApps.start(StarterApp.class,
        Map.of("krb5gss.keytab", keytab.toString(), "krb5gss.role-mapping", roles.toString(),
            "krb5gss.require-pac", "true"), null)) {
      int port = SpringApps.port(app);
      Curl.Response alice = get(AD.ccache(), port, "/admin");
      assertThat(alice.status()).as(alice.process().describe()).isEqualTo(200);
      assertThat(alice.body()).isEqualTo("admin=alice@SAMDOM.TEST");
      Curl.Response bob = get(bobCache, port, "/admin");
      assertThat(bob.status()).as(bob.process().describe()).isEqualTo(403);
      assertThat(get(bobCache, port, "/who").body()).isEqualTo("user=bob@SAMDOM.TEST");
    }
  }

  /** The JDK's own Kerberos cannot show a PAC: PacRealm refuses rather than grant no roles. */
  @Test
  void pacRealmRefusesAContextOfTheJdksMechanism() throws Exception {
    PacRealm realm = new PacRealm();
    realm.setRoleMapping(roles.toString());
    try (StockSpnego.JaasScope jaas = StockSpnego.tomcatServiceLogin(keytab, dc.qualify(SERVICE));
        LogCapture warnings = LogCapture.of(PacRealm.class.getName(), Level.WARNING);
        EmbeddedTomcat tomcat = EmbeddedTomcat.start(new SpnegoAuthenticator(), realm)) {
      assertThat(get(AD.ccache(), tomcat.port(), "/who").status()).isEqualTo(401);
      assertThat(warnings.messages()).singleElement().asString()
          .startsWith("PacRealm cannot read the PAC of alice@SAMDOM.TEST's context")
          .contains("is not one of Krb5Gss's acceptor contexts");
    }
  }

  private static void assertAliceIsAdminAndBobIsNot(int port) throws Exception {
    Curl.Response alice = get(AD.ccache(), port, "/admin");
    assertThat(alice.status()).as(alice.process().describe()).isEqualTo(200);
    assertThat(alice.body()).startsWith("user=alice");
    Curl.Response bob = get(bobCache, port, "/admin");
    assertThat(bob.status()).as(bob.process().describe()).isEqualTo(403);
    Curl.Response bobWho = get(bobCache, port, "/who");
    assertThat(bobWho.status()).as(bobWho.process().describe()).isEqualTo(200);
    assertThat(bobWho.body()).startsWith("user=bob");
  }

  private static Curl.Response get(Path ccache, int port, String path) throws Exception {
    return Curl.negotiate(dc, ccache, "http://localhost:" + port + path, false);
  }
}
