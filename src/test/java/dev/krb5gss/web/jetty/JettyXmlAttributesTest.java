package dev.krb5gss.web.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import dev.krb5gss.web.FailureLog;
import dev.krb5gss.web.LogCapture;
import dev.krb5gss.web.NegotiateAdapter;
import dev.krb5gss.web.NegotiateAdapterContractAccess;
import dev.krb5gss.web.RawHttp;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import javax.security.auth.Subject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The native Jetty authenticator configured only through Jetty XML (the example
 * {@code jaas-examples/jetty-native/krb5gss-native.xml} and its {@code krb5gss.*} properties):
 * roles from the users file (a wrapped HashLoginService), each property changing a real
 * outcome, and a bad value failing the server's start with the attribute named.
 */
@ExtendWith(KdcExtension.class)
class JettyXmlAttributesTest {
  private static KdcPrincipals names;
  private static Subject alice;
  private static String aliceName;
  private static String aliceUser;
  private static Path keytab;
  private static Path users;

  private LogCapture failures;
  private LogCapture roles;

  @BeforeAll
  static void realm(KdcPrincipals principals) throws Exception {
    names = principals;
    String service = names.addService("HTTP");
    names.addService("other");
    aliceName = names.addUser("alice", "pw");
    aliceUser = aliceName.substring(0, aliceName.indexOf('@'));
    alice = names.kdc().login(aliceName, "pw");
    keytab = names.keytab(service);
    users = JettyXmlConfigured.users(Map.of(aliceUser, "users"));
  }

  @BeforeEach
  void capture() {
    failures = LogCapture.of(FailureLog.LOGGER, Level.ALL);
    roles = LogCapture.of(NegotiateAdapter.ROLES_LOGGER, Level.ALL);
  }

  @AfterEach
  void release() {
    failures.close();
    roles.close();
  }

  private static JettyXmlConfigured start(String... kv) throws Exception {
    return JettyXmlConfigured.configure(properties(kv)).start();
  }

  private static Map<String, String> properties(String... kv) {
    Map<String, String> p = new HashMap<>();
    p.put("krb5gss.keytab", keytab.toString());
    p.put("krb5gss.users", users.toString());
    for (int i = 0; i < kv.length; i += 2) {
      p.put("krb5gss." + kv[i], kv[i + 1]);
    }
    return p;
  }

  private static JdkInitiator spnego() throws Exception {
    return JdkInitiator.to(names.hostbased("HTTP")).spnego().start(alice);
  }

  private static String negotiate(JdkInitiator init) throws Exception {
    return NegotiateAdapterContractAccess.negotiate(init.firstToken());
  }

  @Test
  void theUsersFileGrantsTheRoleAndTheRemoteUserHasNoRealm() throws Exception {
    try (JettyXmlConfigured jetty = start(); JdkInitiator init = spnego()) {
      RawHttp.Response r = RawHttp.once(jetty.port(), "/anything", negotiate(init));

      assertThat(r.status).isEqualTo(200);
      assertThat(r.body).isEqualTo("user=" + aliceUser);
      assertThat(failures.messages()).isEmpty();
    }
  }

  @Test
  void aRoleTheUsersFileDoesNotGrantIs403ExplainedAtFine() throws Exception {
    try (JettyXmlConfigured jetty = start("role", "admin"); JdkInitiator init = spnego()) {
      RawHttp.Response r = RawHttp.once(jetty.port(), "/anything", negotiate(init));

      assertThat(r.status).isEqualTo(403);
      assertThat(roles.records()).singleElement().satisfies(rec -> {
        assertThat(rec.getLevel()).isEqualTo(Level.FINE);
        assertThat(LogCapture.format(rec)).contains(aliceUser, "[admin]", "login service krb5gss");
      });
    }
  }

  /** As Jetty's own SPNEGOLoginService: a user the wrapped service does not know has no roles. */
  @Test
  void aUserTheLoginServiceDoesNotKnowHasNoRoles() throws Exception {
    Path bobOnly = JettyXmlConfigured.users(Map.of("bob", "users"));
    try (JettyXmlConfigured jetty = start("users", bobOnly.toString());
        JdkInitiator init = spnego()) {
      RawHttp.Response r = RawHttp.once(jetty.port(), "/anything", negotiate(init));

      assertThat(r.status).isEqualTo(403);
      assertThat(roles.messages()).singleElement().asString().contains(aliceUser, "[users]");
    }
  }

  @Test
  void stripRealmFalseKeepsTheRealmForTheLoginServiceAndTheRemoteUser() throws Exception {
    Path fullNames = JettyXmlConfigured.users(Map.of(aliceName, "users"));
    try (JettyXmlConfigured jetty = start("stripRealm", "false", "users", fullNames.toString());
        JdkInitiator init = spnego()) {
      RawHttp.Response r = RawHttp.once(jetty.port(), "/anything", negotiate(init));

      assertThat(r.status).isEqualTo(200);
      assertThat(r.body).isEqualTo("user=" + aliceName);
    }
  }

  @ParameterizedTest
  @CsvSource({"1, 401", "PT5M, 200"})
  void maxSkewDecidesWhetherAnOldAuthenticatorIsAClockSkew(String skew, int status)
      throws Exception {
    try (JettyXmlConfigured jetty = start("maxSkew", skew); JdkInitiator init = spnego()) {
      String header = negotiate(init);
      Thread.sleep(2_200);

      RawHttp.Response r = RawHttp.once(jetty.port(), "/anything", header);

      assertThat(r.status).isEqualTo(status);
      if (status == 401) {
        assertThat(failures.messages()).singleElement().asString().contains("CLOCK_SKEW");
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"false, 401", "true, 200"})
  void persistOnConnectionDecidesWhetherTheNextRequestIsChallenged(String persist, int status)
      throws Exception {
    try (JettyXmlConfigured jetty = start("persistOnConnection", persist);
        RawHttp http = RawHttp.connect(jetty.port()); JdkInitiator init = spnego()) {
      assertThat(http.get("/anything", negotiate(init)).status).isEqualTo(200);

      assertThat(http.get("/anything", null).status).isEqualTo(status);
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "principal          | other                      | SERVICE_NOT_ALLOWED",
      "allowedServices    | other/*                    | SERVICE_NOT_ALLOWED",
      "enctypes           | aes256-cts-hmac-sha384-192 | ENCTYPE_NOT_PERMITTED",
      "mechanisms         | krb5                       | UNSUPPORTED_MECHANISM",
      "requirePac         | true                       | PAC_REQUIRED"})
  void acceptorPropertiesRefuseWhatTheyExclude(String name, String value, String reason)
      throws Exception {
    try (JettyXmlConfigured jetty = start(name, value); JdkInitiator init = spnego()) {
      RawHttp.Response r = RawHttp.once(jetty.port(), "/anything", negotiate(init));

      assertThat(r.status).isIn(401, 403);
      assertThat(failures.messages()).singleElement().asString().contains(reason);
    }
  }

  @ParameterizedTest
  @CsvSource({"curl.*, close", "Mozilla.*, ''"})
  void noKeepAliveUserAgentsClosesTheConnectionAfterAFailure(String pattern, String connection)
      throws Exception {
    try (JettyXmlConfigured jetty = start("noKeepAliveUserAgents", pattern);
        RawHttp http = RawHttp.connect(jetty.port())) {
      RawHttp.Response r = http.get("/anything", NegotiateAdapterContractAccess.negotiate(
          NegotiateAdapterContractAccess.ntlmNegotiate()), Map.of("User-Agent", "curl/8.1"));

      assertThat(r.status).isEqualTo(401);
      assertThat(r.header("Connection").orElse("")).isEqualTo(connection);
    }
  }

  @Test
  void theLimitsAreTakenFromTheProperties() throws Exception {
    try (JettyXmlConfigured jetty = start("allowRc4", "true", "legTimeout", "45",
        "maxPending", "100", "maxPendingPerKey", "10", "maxConnections", "50",
        "maxTokenSize", "4096", "requireChannelBindings", "false", "stripRealm", "false")) {
      NegotiateAuthenticator auth = jetty.server.getContainedBeans(NegotiateAuthenticator.class)
          .iterator().next();

      assertThat(auth.handler().acceptor().legTimeout()).hasSeconds(45);
      assertThat(auth.handler().acceptor().maxTokenSize()).isEqualTo(4096);
      assertThat(auth.handler().acceptor().enctypes()
          .permits(dev.krb5gss.crypto.EncType.RC4_HMAC)).isTrue();
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "maxSkew             | five minutes | maxSkew",
      "persistOnConnection | yes          | persistOnConnection",
      "maxPending          | 0            | maxPending",
      "enctypes            | rc4-hmac     | allowRc4",
      "mechanisms          | ntlm         | mechanisms",
      "keytab              | /nonexistent/http.keytab | keytab"})
  void anInvalidValueFailsTheStartNamingTheAttribute(String name, String value, String named)
      throws Exception {
    JettyXmlConfigured jetty = JettyXmlConfigured.configure(properties(name, value));
    try {
      assertThatThrownBy(jetty::start).hasStackTraceContaining("krb5gss NegotiateAuthenticator")
          .hasStackTraceContaining(named);
    } finally {
      jetty.close();
    }
  }
}
