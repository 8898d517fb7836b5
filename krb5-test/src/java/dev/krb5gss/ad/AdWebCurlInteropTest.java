package dev.krb5gss.ad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.krb5gss.context.Acceptor;
import dev.krb5gss.demo.NegotiateServer;
import dev.krb5gss.interop.AcceptorUnderTest;
import dev.krb5gss.interop.Curl;
import dev.krb5gss.interop.GssAcceptor;
import dev.krb5gss.interop.NegotiateExchange;
import dev.krb5gss.interop.NegotiateHttpServer;
import dev.krb5gss.interop.StockSpnego;
import dev.krb5gss.testkit.JaasLogins;
import dev.krb5gss.web.NegotiateHandler;
import dev.krb5gss.web.RoleMapper;
import dev.krb5gss.web.jetty.EmbeddedJetty;
import dev.krb5gss.web.tomcat.EmbeddedTomcat;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.catalina.authenticator.SpnegoAuthenticator;
import org.apache.catalina.realm.NullRealm;
import org.eclipse.jetty.security.Constraint;
import org.eclipse.jetty.security.authentication.SPNEGOAuthenticator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code kinit} against a Samba AD KDC, then {@code curl --negotiate -u :} (RFC 4559 §4) with
 * the AD ticket (aes256, with a PAC) against krb5gss behind a plain HTTP server, its native Tomcat
 * valve and Jetty authenticator, and the stock Tomcat and Jetty SPNEGO authenticators with each
 * {@link AcceptorUnderTest} first in the provider list; the keytab is the one
 * {@code samba-tool domain exportkeytab} wrote for the HTTP service account.
 */
@RequiresSambaAd
class AdWebCurlInteropTest {
  private static final String USER = SambaDcExtension.USER;
  private static final String SERVICE = "HTTP/localhost";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension
  static final SambaDcExtension AD = SambaDcExtension.create();

  private static SambaDc dc;
  private static Path keytab;

  @BeforeAll
  static void exportServiceKeytab() throws Exception {
    dc = AD.dc();
    keytab = AD.serviceKeytab("websvc", "W3bsvc-Pass!x", AdEnctypes.AES, SERVICE);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(AcceptorUnderTest.class)
  void plainNegotiateServer(AcceptorUnderTest acceptor) throws Exception {
    assumeTrue(acceptor.available(), acceptor::unavailableReason);
    try (GssAcceptor http = GssAcceptor.open(acceptor,
            JaasLogins.acceptor(keytab, "*", true), "HTTP@localhost");
        NegotiateHttpServer server = NegotiateHttpServer.start(http, ctx -> "unexpected")) {
      Curl.Response response = Curl.negotiate(dc, AD.ccache(), server.url(), false);
      NegotiateExchange exchange = server.nextExchange(WAIT);

      assertThat(response.status()).as(response.process().describe()).isEqualTo(200);
      assertThat(exchange.failure()).isEmpty();
      assertThat(exchange.clientName()).contains(dc.qualify(USER));
    }
  }

  /** The demo's server: a JAAS keytab login and GSSManager.getInstance() per request. */
  @Test
  void demoNegotiateServer() throws Exception {
    try (AcceptorUnderTest.Installation installed = AcceptorUnderTest.KRB5GSS.install()) {
      NegotiateServer server = NegotiateServer.start(keytab, dc.qualify(SERVICE));
      try {
        Curl.Response response =
            Curl.negotiate(dc, AD.ccache(), "http://localhost:" + server.port() + "/", false);
        assertThat(response.status()).as(response.process().describe()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("Hello, " + dc.qualify(USER) + "\n");
      } finally {
        server.close();
      }
    }
  }

  @Test
  void nativeTomcatValve() throws Exception {
    try (EmbeddedTomcat tomcat = EmbeddedTomcat.start(
        new dev.krb5gss.web.tomcat.NegotiateAuthenticator(usersHandler()), new NullRealm())) {
      assertWho(tomcat.port(), USER); // stripRealm, the native adapters' default
    }
  }

  @Test
  void nativeJettyAuthenticator() throws Exception {
    try (EmbeddedJetty jetty = EmbeddedJetty.start(
        new dev.krb5gss.web.jetty.NegotiateAuthenticator(usersHandler()), null,
        Constraint.from("users"), null)) {
      assertWho(jetty.port(), USER); // stripRealm, the native adapters' default
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(AcceptorUnderTest.class)
  void stockTomcatSpnegoAuthenticator(AcceptorUnderTest acceptor) throws Exception {
    assumeTrue(acceptor.available(), acceptor::unavailableReason);
    try (StockSpnego.JaasScope jaas = StockSpnego.tomcatServiceLogin(keytab, dc.qualify(SERVICE));
        AcceptorUnderTest.Installation installed = acceptor.install();
        EmbeddedTomcat tomcat = EmbeddedTomcat.start(new SpnegoAuthenticator(),
            new StockSpnego.UsersRealm())) {
      assertWho(tomcat.port(), USER);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(AcceptorUnderTest.class)
  void stockJettySpnegoAuthenticator(AcceptorUnderTest acceptor) throws Exception {
    assumeTrue(acceptor.available(), acceptor::unavailableReason);
    try (AcceptorUnderTest.Installation installed = acceptor.install();
        EmbeddedJetty jetty = EmbeddedJetty.start(new SPNEGOAuthenticator(),
            StockSpnego.jettyLogin(dc.realm(), keytab, "HTTP", "localhost"),
            Constraint.ANY_USER, null)) {
      assertWho(jetty.port(), USER);
    }
  }

  private static void assertWho(int port, String remoteUser) throws Exception {
    Curl.Response response =
        Curl.negotiate(dc, AD.ccache(), "http://localhost:" + port + "/who", false);
    assertThat(response.status()).as(response.process().describe()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("user=" + remoteUser);
  }

  /** A native handler on an acceptor with default policy that grants every client "users". */
  private static NegotiateHandler usersHandler() throws Exception {
    return NegotiateHandler.builder(Acceptor.builder().keytab(keytab).build())
        .roles(RoleMapper.fixed("users")).build();
  }
}
