package dev.krb5gss.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.krb5gss.context.Acceptor;
import dev.krb5gss.demo.NegotiateServer;
import dev.krb5gss.web.FailureLog;
import dev.krb5gss.web.LogCapture;
import dev.krb5gss.web.NegotiateHandler;
import dev.krb5gss.web.RoleMapper;
import dev.krb5gss.web.jetty.EmbeddedJetty;
import dev.krb5gss.web.tomcat.EmbeddedTomcat;
import dev.krb5gss.web.tomcat.UsersRealm;
import java.nio.file.Path;
import java.security.Principal;
import java.util.logging.Level;
import javax.security.auth.Subject;
import org.apache.catalina.authenticator.SpnegoAuthenticator;
import org.apache.catalina.realm.NullRealm;
import org.eclipse.jetty.security.Constraint;
import org.eclipse.jetty.security.authentication.SPNEGOAuthenticator;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code kinit} then {@code curl --negotiate -u :} (RFC 4559 §4) through MIT's GSS-API against
 * real web containers on a loopback port, with a keytab written by MIT's {@code ktadd}: krb5gss's
 * native Tomcat valve and Jetty authenticator, the stock Tomcat {@link SpnegoAuthenticator} and
 * Jetty {@link SPNEGOAuthenticator} with each {@link AcceptorUnderTest} first in the JVM's
 * provider list, and the demo's {@link NegotiateServer}. Each answers 200 with the client's
 * principal; krb5gss's server context logging its transition to ESTABLISHED shows which
 * mechanism did the work.
 */
@RequiresMitKrb5
class WebContainerCurlInteropTest {
  private static final String USER = "erin";
  private static final String PASSWORD = "erin-password";
  private static final String SERVICE = "HTTP/localhost";
  private static final String ESTABLISHED = "server context NEW -> ESTABLISHED";
  private static final String BACKEND = "backend@localhost";

  /** HTTP/localhost, other/localhost and backend/localhost, each in its own keytab. */
  @RegisterExtension
  static final MitRealm REALM = MitRealm.user(USER, PASSWORD)
      .service(SERVICE, MitEnctypes.AES_SHA1)
      .service("other/localhost", MitEnctypes.AES_SHA1)
      .ktadd("http.keytab", MitEnctypes.AES_SHA1, SERVICE)
      .ktadd("other.keytab", MitEnctypes.AES_SHA1, "other/localhost")
      .service("backend/localhost", MitEnctypes.AES_SHA1)
      .ktadd("backend.keytab", MitEnctypes.AES_SHA1, "backend/localhost")
      .acceptorSubject("backend.keytab");

  private static MitKdc kdc;
  private static Path keytab;
  private static Path otherKeytab;

  private LogCapture ourContexts;
  private LogCapture ourFailures;

  @BeforeAll
  static void locateFiles() {
    kdc = REALM.kdc();
    keytab = REALM.keytab("http.keytab");
    otherKeytab = REALM.keytab("other.keytab");
  }

  @BeforeEach
  void captureLogs() {
    ourContexts = LogCapture.of("dev.krb5gss.context.ServerContext", Level.FINE);
    ourFailures = LogCapture.of(FailureLog.LOGGER, Level.ALL);
  }

  @AfterEach
  void releaseLogs() {
    ourContexts.close();
    ourFailures.close();
  }

  /** With and without {@code --delegation always}: a forwarded TGT must not disturb them. */
  @ParameterizedTest(name = "delegation {0}")
  @ValueSource(booleans = {false, true})
  void nativeTomcatValve(boolean delegate) throws Exception {
    try (EmbeddedTomcat tomcat = EmbeddedTomcat.start(
        new dev.krb5gss.web.tomcat.NegotiateAuthenticator(handler(keytab)), new NullRealm())) {
      Curl.Response response = curl(tomcat.port(), delegate);

      assertThat(response.status()).as(response.process().describe()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("user=" + USER);
      assertThat(ourContexts.messages()).contains(ESTABLISHED);
      assertThat(ourFailures.messages()).isEmpty();
    }
  }

  /** With and without {@code --delegation always}: a forwarded TGT must not disturb them. */
  @ParameterizedTest(name = "delegation {0}")
  @ValueSource(booleans = {false, true})
  void nativeJettyAuthenticator(boolean delegate) throws Exception {
    try (EmbeddedJetty jetty = EmbeddedJetty.start(
        new dev.krb5gss.web.jetty.NegotiateAuthenticator(handler(keytab)), null,
        Constraint.from("users"), null)) {
      Curl.Response response = curl(jetty.port(), delegate);

      assertThat(response.status()).as(response.process().describe()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("user=" + USER);
      assertThat(ourContexts.messages()).contains(ESTABLISHED);
      assertThat(ourFailures.messages()).isEmpty();
    }
  }

  /** curl asks for HTTP/localhost; this valve's keytab holds only other/localhost. */
  @Test
  void nativeTomcatValveRefusesAServiceMissingFromItsKeytab() throws Exception {
    try (EmbeddedTomcat tomcat = EmbeddedTomcat.start(
        new dev.krb5gss.web.tomcat.NegotiateAuthenticator(handler(otherKeytab)),
        new NullRealm())) {
      Curl.Response response = curl(tomcat.port());

      assertThat(response.status()).isEqualTo(403);
      assertThat(ourFailures.messages()).singleElement().asString()
          .contains("failed with 403: SERVICE_NOT_IN_KEYTAB: the ticket is for "
              + kdc.qualify(SERVICE));
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(AcceptorUnderTest.class)
  void stockTomcatSpnegoAuthenticator(AcceptorUnderTest acceptor) throws Exception {
    assumeTrue(acceptor.available(), acceptor::unavailableReason);
    try (StockSpnego.JaasScope jaas = StockSpnego.tomcatServiceLogin(keytab, kdc.qualify(SERVICE));
        AcceptorUnderTest.Installation installed = acceptor.install();
        EmbeddedTomcat tomcat = EmbeddedTomcat.start(new SpnegoAuthenticator(),
            new StockSpnego.UsersRealm())) {
      Curl.Response response = curl(tomcat.port());

      assertThat(response.status()).as(response.process().describe()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("user=" + USER);
      assertOurMechanismRanOnlyFor(acceptor);
    }
  }

  /**
   * {@code --delegation always}: Tomcat's authenticator hands the client's forwarded TGT to the
   * realm ({@code storeDelegatedCredential}, on by default), which keeps it in the principal for
   * the application; after Tomcat has disposed of the context and logged the service out, that
   * credential still authenticates as the client to a backend service through the MIT KDC.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(AcceptorUnderTest.class)
  void stockTomcatKeepsTheDelegatedCredentialUsable(AcceptorUnderTest acceptor) throws Exception {
    assumeTrue(acceptor.available(), acceptor::unavailableReason);
    DelegationRealm realm = new DelegationRealm();
    try (StockSpnego.JaasScope jaas = StockSpnego.tomcatServiceLogin(keytab, kdc.qualify(SERVICE));
        AcceptorUnderTest.Installation installed = acceptor.install();
        EmbeddedTomcat tomcat = EmbeddedTomcat.start(new SpnegoAuthenticator(), realm);
        GssAcceptor backend = GssAcceptor.open(acceptor, REALM.subject(), BACKEND)) {
      Curl.Response response = curl(tomcat.port(), true);

      assertThat(response.status()).as(response.process().describe()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("user=" + USER);
      assertOurMechanismRanOnlyFor(acceptor);
      assertThat(realm.delegated).as("delegated credential given to the realm").isNotNull();
      assertThat(realm.delegated.getName().toString()).isEqualTo(kdc.qualify(USER));
      assertThat(BackendHop.authenticate(realm.delegated, backend, BACKEND))
          .isEqualTo(kdc.qualify(USER));
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(AcceptorUnderTest.class)
  void stockJettySpnegoAuthenticator(AcceptorUnderTest acceptor) throws Exception {
    assumeTrue(acceptor.available(), acceptor::unavailableReason);
    try (AcceptorUnderTest.Installation installed = acceptor.install();
        EmbeddedJetty jetty = EmbeddedJetty.start(new SPNEGOAuthenticator(),
            StockSpnego.jettyLogin(kdc.realm(), keytab, "HTTP", "localhost"),
            Constraint.ANY_USER, null)) {
      Curl.Response response = curl(jetty.port());

      assertThat(response.status()).as(response.process().describe()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("user=" + USER);
      assertOurMechanismRanOnlyFor(acceptor);
    }
  }

  /** The demo's server: a JAAS keytab login and GSSManager.getInstance() per request. */
  @ParameterizedTest(name = "{0}")
  @EnumSource(AcceptorUnderTest.class)
  void demoNegotiateServer(AcceptorUnderTest acceptor) throws Exception {
    assumeTrue(acceptor.available(), acceptor::unavailableReason);
    try (AcceptorUnderTest.Installation installed = acceptor.install()) {
      NegotiateServer server = NegotiateServer.start(keytab, kdc.qualify(SERVICE));
      try {
        Curl.Response response = curl(server.port());

        assertThat(response.status()).as(response.process().describe()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("Hello, " + kdc.qualify(USER) + "\n");
        assertThat(server.log()).last().asString()
            .startsWith("200 authenticated " + kdc.qualify(USER));
        assertOurMechanismRanOnlyFor(acceptor);
      } finally {
        server.close();
      }
    }
  }

  private static Curl.Response curl(int port) throws Exception {
    return curl(port, false);
  }

  private static Curl.Response curl(int port, boolean delegate) throws Exception {
    return Curl.negotiate(kdc, REALM.ccache(), "http://localhost:" + port + "/who", delegate);
  }

  private void assertOurMechanismRanOnlyFor(AcceptorUnderTest acceptor) {
    if (acceptor == AcceptorUnderTest.KRB5GSS) {
      assertThat(ourContexts.messages()).contains(ESTABLISHED);
    } else {
      assertThat(ourContexts.messages()).isEmpty();
    }
  }

  /** A native handler on an acceptor with default policy that grants every client "users". */
  private static NegotiateHandler handler(Path keys) throws Exception {
    return NegotiateHandler.builder(Acceptor.builder().keytab(keys).build())
        .roles(RoleMapper.fixed("users")).build();
  }

  /** A {@link StockSpnego.UsersRealm} that keeps the delegated credential Tomcat passes it. */
  private static final class DelegationRealm extends StockSpnego.UsersRealm {
    private volatile GSSCredential delegated;

    @Override
    protected Principal getPrincipal(GSSName gssName, GSSCredential gssCredential) {
      delegated = gssCredential;
      return super.getPrincipal(gssName, gssCredential);
    }
  }
}
