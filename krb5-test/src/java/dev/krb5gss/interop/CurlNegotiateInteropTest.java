package dev.krb5gss.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code kinit} then {@code curl --negotiate -u :} against an HTTP server doing Negotiate (RFC
 * 4559) with the acceptor under test: 200 and the right principal. With {@code --delegation
 * always} the server holds the client's forwarded TGT (RFC 4121 §4.1.1) and uses it to
 * authenticate as the client to a second service through the MIT KDC (the JVM's krb5.conf points
 * at it), which sees the client's name.
 */
@RequiresMitKrb5
class CurlNegotiateInteropTest {
  private static final String USER = "dave";
  private static final String PASSWORD = "dave-password";
  private static final String BACKEND = "backend@localhost";


  @RegisterExtension
  static final MitRealm REALM = MitRealm.user(USER, PASSWORD)
      .service("HTTP/localhost", MitEnctypes.AES_SHA1)
      .service("backend/localhost", MitEnctypes.AES_SHA1)
      .ktadd("http.keytab", MitEnctypes.AES_SHA1, "HTTP/localhost", "backend/localhost")
      .acceptorSubject("http.keytab");

  @ParameterizedTest(name = "{0}")
  @EnumSource(AcceptorUnderTest.class)
  void curlNegotiateGets200WithThePrincipal(AcceptorUnderTest acceptor) throws Exception {
    assumeTrue(acceptor.available(), acceptor::unavailableReason);
    MitKdc kdc = REALM.kdc();
    try (GssAcceptor http = GssAcceptor.open(acceptor, REALM.subject(), "HTTP@localhost");
        NegotiateHttpServer server = NegotiateHttpServer.start(http, ctx -> "unexpected")) {
      Curl.Response response = Curl.negotiate(kdc, REALM.ccache(), server.url(), false);
      NegotiateExchange exchange = server.nextExchange(MitRealm.WAIT);

      assertThat(response.status()).as(response.process().describe()).isEqualTo(200);
      assertThat(response.body()).startsWith(kdc.qualify(USER) + "\n")
          .contains("no delegated credential");
      assertThat(exchange.failure()).isEmpty();
      assertThat(exchange.clientName()).contains(kdc.qualify(USER));
      assertThat(exchange.delegated()).isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(AcceptorUnderTest.class)
  void delegatedCredentialInitiatesAsTheClient(AcceptorUnderTest acceptor) throws Exception {
    assumeTrue(acceptor.available(), acceptor::unavailableReason);
    MitKdc kdc = REALM.kdc();
    try (GssAcceptor http = GssAcceptor.open(acceptor, REALM.subject(), "HTTP@localhost");
        GssAcceptor backend = GssAcceptor.open(acceptor, REALM.subject(), BACKEND);
        NegotiateHttpServer server = NegotiateHttpServer.start(http,
            ctx -> "backend saw "
                + BackendHop.authenticate(ctx.getDelegCred(), backend, BACKEND))) {
      Curl.Response response = Curl.negotiate(kdc, REALM.ccache(), server.url(), true);
      NegotiateExchange exchange = server.nextExchange(MitRealm.WAIT);

      assertThat(response.status()).as(response.process().describe()).isEqualTo(200);
      assertThat(exchange.failure()).isEmpty();
      assertThat(exchange.clientName()).contains(kdc.qualify(USER));
      assertThat(exchange.delegated()).isTrue();
      assertThat(exchange.delegationResult()).contains("backend saw " + kdc.qualify(USER));
      assertThat(response.body()).isEqualTo(
          kdc.qualify(USER) + "\nbackend saw " + kdc.qualify(USER) + "\n");
    }
  }
}
