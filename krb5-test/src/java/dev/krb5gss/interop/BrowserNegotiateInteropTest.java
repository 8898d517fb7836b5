package dev.krb5gss.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.context.Acceptor;
import dev.krb5gss.spring.SpringApps;
import dev.krb5gss.spring.StarterApp;
import dev.krb5gss.web.NegotiateHandler;
import dev.krb5gss.web.RoleMapper;
import dev.krb5gss.web.jetty.EmbeddedJetty;
import dev.krb5gss.web.tomcat.EmbeddedTomcat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.catalina.realm.NullRealm;
import org.eclipse.jetty.security.Constraint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real browser as the client: headless Chromium with a ticket cache from MIT {@code kinit}
 * (and, for the Spring Boot starter, MIT's curl too) negotiates (its own HTTP auth state machine, MIT's GSS-API) with the Spring Boot starter, the
 * native Tomcat valve and the native Jetty authenticator, each on a keytab from MIT's
 * {@code ktadd}, and is shown the page with the user's name.
 */
@RequiresMitKrb5
class BrowserNegotiateInteropTest {
  private static final String USER = "carol";
  private static final String PASSWORD = "carol-password";
  private static final String SERVICE = "HTTP/localhost";

  /** Started before {@link #startBrowser}, stopped after {@link #stop}. */
  @RegisterExtension
  static final MitRealm REALM = MitRealm.user(USER, PASSWORD)
      .service(SERVICE, MitEnctypes.AES_SHA1)
      .ktadd("http.keytab", MitEnctypes.AES_SHA1, SERVICE);

  @TempDir static Path dir;
  private static MitKdc kdc;
  private static Path keytab;
  private static HeadlessChromium chromium;
  private static EmbeddedTomcat warmUp;

  @BeforeAll
  static void startBrowser() throws Exception {
    kdc = REALM.kdc();
    keytab = REALM.keytab("http.keytab");
    warmUp = EmbeddedTomcat.start(
        new dev.krb5gss.web.tomcat.NegotiateAuthenticator(handler()), new NullRealm());
    chromium = HeadlessChromium.start(dir, kdc.env(REALM.ccache()),
        "http://localhost:" + warmUp.port() + "/who");
  }

  @AfterAll
  static void stop() throws Exception {
    if (warmUp != null) {
      warmUp.close();
    }
  }

  private static NegotiateHandler handler() throws Exception {
    return NegotiateHandler.builder(Acceptor.builder().keytab(keytab).build())
        .roles(RoleMapper.fixed("users")).build();
  }

  @Test
  void springBootStarter() throws Exception {
    Path roles = Files.writeString(dir.resolve("roles.properties"), "* = users\n");
    try (ConfigurableApplicationContext app = SpringApps.start(StarterApp.class,
        Map.of("krb5gss.keytab", keytab.toString(), "krb5gss.role-mapping", roles.toString()),
        null)) {
      String page = chromium.dumpDom("http://localhost:" + SpringApps.port(app) + "/who");

      assertThat(page).contains("user=" + kdc.qualify(USER));
    }
  }

  /** The same starter application, with MIT's curl as the client. */
  @Test
  void springBootStarterWithCurl() throws Exception {
    Path roles = Files.writeString(dir.resolve("roles.properties"), "* = users\n");
    try (ConfigurableApplicationContext app = SpringApps.start(StarterApp.class,
        Map.of("krb5gss.keytab", keytab.toString(), "krb5gss.role-mapping", roles.toString()),
        null)) {
      Curl.Response response = Curl.negotiate(kdc, REALM.ccache(),
          "http://localhost:" + SpringApps.port(app) + "/who", false);

      assertThat(response.status()).as(response.process().describe()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("user=" + kdc.qualify(USER));
    }
  }

  @Test
  void nativeTomcatValve() throws Exception {
    try (EmbeddedTomcat tomcat = EmbeddedTomcat.start(
        new dev.krb5gss.web.tomcat.NegotiateAuthenticator(handler()), new NullRealm())) {
      String page = chromium.dumpDom("http://localhost:" + tomcat.port() + "/who");

      // the native adapters report the user without its realm (stripRealm, default true)
      assertThat(page).contains("user=" + USER).doesNotContain(kdc.qualify(USER));
    }
  }

  @Test
  void nativeJettyAuthenticator() throws Exception {
    try (EmbeddedJetty jetty = EmbeddedJetty.start(
        new dev.krb5gss.web.jetty.NegotiateAuthenticator(handler()), null,
        Constraint.from("users"), null)) {
      String page = chromium.dumpDom("http://localhost:" + jetty.port() + "/who");

      // the native adapters report the user without its realm (stripRealm, default true)
      assertThat(page).contains("user=" + USER).doesNotContain(kdc.qualify(USER));
    }
  }
}
