package dev.krb5gss.web.tomcat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import dev.krb5gss.web.FailureLog;
import dev.krb5gss.web.LogCapture;
import dev.krb5gss.web.NegotiateAdapterContractAccess;
import dev.krb5gss.web.RawHttp;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import javax.security.auth.Subject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The native valve configured only as a Tomcat administrator would: attributes in
 * {@code META-INF/context.xml} parsed by Tomcat's Digester, roles in a {@code MemoryRealm}, the
 * constraints in {@code web.xml}. Each attribute changes a real outcome (a JDK initiator's token
 * from the test KDC), and a bad value fails the context's start naming the attribute.
 */
@ExtendWith(KdcExtension.class)
class TomcatValveAttributesTest {
  private static final String VALVE = NegotiateAuthenticator.class.getName();

  private static KdcPrincipals names;
  private static Subject alice;
  private static String aliceName;
  private static String aliceUser;
  private static Path keytab;

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
  }

  @BeforeEach
  void capture() {
    failures = LogCapture.of(FailureLog.LOGGER, Level.ALL);
    roles = LogCapture.of(dev.krb5gss.web.NegotiateAdapter.ROLES_LOGGER, Level.ALL);
  }

  @AfterEach
  void release() {
    failures.close();
    roles.close();
  }

  private static String valve(String attributes) {
    return "<Valve className=\"" + VALVE + "\" keytab=\"" + keytab + "\" " + attributes + "/>";
  }

  private static TomcatXmlConfiguredValve start(String attributes) throws Exception {
    return TomcatXmlConfiguredValve.start(valve(attributes),
        TomcatXmlConfiguredValve.memoryRealm(Map.of(aliceUser, "users"), true));
  }

  private static JdkInitiator spnego() throws Exception {
    return JdkInitiator.to(names.hostbased("HTTP")).spnego().start(alice);
  }

  private static String negotiate(JdkInitiator init) throws Exception {
    return NegotiateAdapterContractAccess.negotiate(init.firstToken());
  }

  @Test
  void theRealmGrantsTheRolesAndTheRemoteUserHasNoRealm() throws Exception {
    try (TomcatXmlConfiguredValve tomcat = start("");
        JdkInitiator init = spnego(); JdkInitiator again = spnego()) {
      RawHttp.Response who = RawHttp.once(tomcat.port(), "/who", negotiate(init));
      RawHttp.Response admin = RawHttp.once(tomcat.port(), "/admin", negotiate(again));

      assertThat(who.status).isEqualTo(200);
      assertThat(who.body).isEqualTo("user=" + aliceUser);
      assertThat(admin.status).isEqualTo(403);
      assertThat(roles.records()).singleElement().satisfies(r -> {
        assertThat(r.getLevel()).isEqualTo(Level.FINE);
        assertThat(LogCapture.format(r)).contains(aliceUser, "[admin]", "MemoryRealm");
      });
      assertThat(failures.messages()).isEmpty();
    }
  }

  @Test
  void aUserTheRealmDoesNotKnowIs401AndLogged() throws Exception {
    try (TomcatXmlConfiguredValve tomcat = TomcatXmlConfiguredValve.start(valve(""),
        TomcatXmlConfiguredValve.memoryRealm(Map.of("bob", "users"), true));
        JdkInitiator init = spnego()) {
      RawHttp.Response r = RawHttp.once(tomcat.port(), "/who", negotiate(init));

      assertThat(r.status).isEqualTo(401);
      assertThat(failures.messages()).singleElement().asString()
          .contains(aliceUser, "has no such user");
    }
  }

  @Test
  void stripRealmFalseKeepsTheRealmInTheName() throws Exception {
    try (TomcatXmlConfiguredValve tomcat = TomcatXmlConfiguredValve.start(
        valve("stripRealm=\"false\""),
        TomcatXmlConfiguredValve.memoryRealm(Map.of(aliceName, "users"), false));
        JdkInitiator init = spnego()) {
      RawHttp.Response r = RawHttp.once(tomcat.port(), "/who", negotiate(init));

      assertThat(r.status).isEqualTo(200);
      assertThat(r.body).isEqualTo("user=" + aliceName);
    }
  }

  /** A token two seconds old: inside the default five minutes, outside maxSkew="1". */
  @ParameterizedTest
  @CsvSource({"maxSkew=\"1\", 401", "maxSkew=\"PT5M\", 200"})
  void maxSkewDecidesWhetherAnOldAuthenticatorIsAClockSkew(String attribute, int status)
      throws Exception {
    try (TomcatXmlConfiguredValve tomcat = start(attribute); JdkInitiator init = spnego()) {
      String header = negotiate(init);
      Thread.sleep(2_200);

      RawHttp.Response r = RawHttp.once(tomcat.port(), "/who", header);

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
    try (TomcatXmlConfiguredValve tomcat = start("persistOnConnection=\"" + persist + "\"");
        RawHttp http = RawHttp.connect(tomcat.port()); JdkInitiator init = spnego()) {
      assertThat(http.get("/who", negotiate(init)).status).isEqualTo(200);

      RawHttp.Response next = http.get("/who", null);

      assertThat(next.status).isEqualTo(status);
    }
  }

  /**
   * Two negotiations pending at once from 127.0.0.1: within the caps both finish; with
   * maxPending=1 maxPendingPerKey=1 one of them is refused or evicted (whichever policy the store
   * applies), and the log says which.
   */
  @ParameterizedTest
  @CsvSource({"maxPending=\"1\" maxPendingPerKey=\"1\", true", "maxPendingPerKey=\"64\", false"})
  void thePendingCapsBoundConcurrentNegotiations(String attributes, boolean capped)
      throws Exception {
    try (TomcatXmlConfiguredValve tomcat = start(attributes);
        RawHttp a = RawHttp.connect(tomcat.port()); RawHttp b = RawHttp.connect(tomcat.port());
        JdkInitiator initA = JdkInitiator.to(names.hostbased("HTTP")).mutual(false).start(alice);
        JdkInitiator initB = JdkInitiator.to(names.hostbased("HTTP")).mutual(false).start(alice)) {
      String offer = NegotiateAdapterContractAccess.negotiate(
          NegotiateAdapterContractAccess.ntlmFirstOffer());
      a.get("/who", offer);
      b.get("/who", offer);

      int secondA = a.get("/who", NegotiateAdapterContractAccess.negotiate(
          NegotiateAdapterContractAccess.secondLeg(initA))).status;
      int secondB = b.get("/who", NegotiateAdapterContractAccess.negotiate(
          NegotiateAdapterContractAccess.secondLeg(initB))).status;

      if (capped) {
        assertThat(secondA == 200 && secondB == 200).as("both finished despite the caps").isFalse();
        assertThat(String.join("\n", failures.messages()))
            .containsAnyOf("TOO_MANY_PENDING", "PENDING_EVICTED", "NO_CONTEXT");
      } else {
        assertThat(new int[] {secondA, secondB}).containsOnly(200);
      }
    }
  }

  /** A two-leg SPNEGO negotiation (NTLM offered first) whose second leg comes 1.5 s later. */
  @ParameterizedTest
  @CsvSource({"legTimeout=\"1\", 401", "legTimeout=\"PT30S\", 200"})
  void legTimeoutDecidesWhetherALateSecondLegIsExpired(String attribute, int status)
      throws Exception {
    try (TomcatXmlConfiguredValve tomcat = start(attribute);
        RawHttp http = RawHttp.connect(tomcat.port());
        JdkInitiator init = JdkInitiator.to(names.hostbased("HTTP")).mutual(false).start(alice)) {
      RawHttp.Response first = http.get("/who", NegotiateAdapterContractAccess.negotiate(
          NegotiateAdapterContractAccess.ntlmFirstOffer()));
      assertThat(first.status).isEqualTo(401);
      Thread.sleep(1_500);

      RawHttp.Response second = http.get("/who", NegotiateAdapterContractAccess.negotiate(
          NegotiateAdapterContractAccess.secondLeg(init)));

      assertThat(second.status).isEqualTo(status);
      if (status == 401) {
        assertThat(failures.messages()).singleElement().asString().contains("CONTEXT_EXPIRED");
      }
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "principal=\"other\"                      | SERVICE_NOT_ALLOWED",
      "allowedServices=\"other/*\"              | SERVICE_NOT_ALLOWED",
      "allowedPrincipals=\"other/*\"            | SERVICE_NOT_ALLOWED",
      "enctypes=\"aes256-cts-hmac-sha384-192\"  | ENCTYPE_NOT_PERMITTED",
      "mechanisms=\"krb5\"                      | UNSUPPORTED_MECHANISM",
      "requirePac=\"true\"                      | PAC_REQUIRED"})
  void acceptorAttributesRefuseWhatTheyExclude(String attribute, String reason) throws Exception {
    try (TomcatXmlConfiguredValve tomcat = start(attribute); JdkInitiator init = spnego()) {
      RawHttp.Response r = RawHttp.once(tomcat.port(), "/who", negotiate(init));

      assertThat(r.status).isIn(401, 403);
      assertThat(failures.messages()).singleElement().asString().contains(reason);
    }
  }

  @ParameterizedTest
  @CsvSource({"maxTokenSize=\"1024\", TOKEN_TOO_LARGE", "maxTokenSize=\"4096\", 1902 trailing bytes"})
  void maxTokenSizeBoundsTheHeader(String attribute, String reason) throws Exception {
    byte[] junk = new byte[2000];
    Arrays.fill(junk, (byte) 0x60);
    try (TomcatXmlConfiguredValve tomcat = start(attribute)) {
      RawHttp.Response r = RawHttp.once(tomcat.port(), "/who",
          NegotiateAdapterContractAccess.negotiate(junk));

      assertThat(r.status).isEqualTo(401);
      assertThat(failures.messages()).singleElement().asString().contains(reason);
    }
  }

  @ParameterizedTest
  @CsvSource({"curl.*, close", "Mozilla.*, ''"})
  void noKeepAliveUserAgentsClosesTheConnectionAfterAFailure(String pattern, String connection)
      throws Exception {
    try (TomcatXmlConfiguredValve tomcat = start("noKeepAliveUserAgents=\"" + pattern + "\"");
        RawHttp http = RawHttp.connect(tomcat.port())) {
      RawHttp.Response r = http.get("/who", NegotiateAdapterContractAccess.negotiate(
          NegotiateAdapterContractAccess.ntlmNegotiate()), Map.of("User-Agent", "curl/8.1"));

      assertThat(r.status).isEqualTo(401);
      assertThat(r.header("Connection").orElse("")).isEqualTo(connection);
    }
  }

  @Test
  void allowRc4AndTheOtherLimitsAreAccepted() throws Exception {
    try (TomcatXmlConfiguredValve tomcat = start("allowRc4=\"true\" legTimeout=\"45\" "
        + "maxPending=\"100\" maxPendingPerKey=\"10\" maxConnections=\"50\" "
        + "requireChannelBindings=\"false\" storeDelegatedCredential=\"false\"");
        JdkInitiator init = spnego()) {
      NegotiateAuthenticator valve = valve(tomcat);

      assertThat(RawHttp.once(tomcat.port(), "/who", negotiate(init)).status).isEqualTo(200);
      assertThat(valve.handler().acceptor().enctypes().permits(
          dev.krb5gss.crypto.EncType.RC4_HMAC)).isTrue();
      assertThat(valve.handler().acceptor().legTimeout()).hasSeconds(45);
    }
  }

  private static NegotiateAuthenticator valve(TomcatXmlConfiguredValve tomcat) {
    return (NegotiateAuthenticator) Arrays.stream(tomcat.context.getPipeline().getValves())
        .filter(v -> v instanceof NegotiateAuthenticator).findFirst().orElseThrow();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "maxSkew=\"five minutes\"          | maxSkew",
      "legTimeout=\"PT1H\"               | legTimeout",
      "persistOnConnection=\"yes\"       | persistOnConnection",
      "maxPending=\"0\"                  | maxPending",
      "maxPending=\"5\" maxPendingPerKey=\"10\" | maxPendingPerKey",
      "enctypes=\"des-cbc-crc\"          | enctypes",
      "enctypes=\"rc4-hmac\"             | allowRc4",
      "mechanisms=\"ntlm\"               | mechanisms",
      "noKeepAliveUserAgents=\"(\"       | noKeepAliveUserAgents",
      "allowRc4=\"1\"                    | allowRc4",
      "storeDelegatedCredential=\"true\" | storeDelegatedCredential",
      "requirePac=\"yes\"                | requirePac"})
  void anInvalidValueFailsTheStartNamingTheAttribute(String attribute, String named)
      throws Exception {
    try (LogCapture tomcatLog = LogCapture.of("org.apache.catalina", Level.ALL);
        TomcatXmlConfiguredValve tomcat = startIgnoringFailure(attribute)) {
      assertThat(tomcat.started()).isFalse();
      assertThat(tomcatLog.records().stream().map(LogRecord::getThrown).filter(Objects::nonNull)
          .flatMap(TomcatValveAttributesTest::chain)
          .filter(t -> t instanceof org.apache.catalina.LifecycleException)
          .map(Throwable::getMessage).filter(m -> m.startsWith("krb5gss NegotiateAuthenticator")))
          .isNotEmpty().allSatisfy(m -> assertThat(m).contains(named));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/nonexistent/http.keytab"})
  void aMissingKeytabFailsTheStart(String file) throws Exception {
    try (LogCapture tomcatLog = LogCapture.of("org.apache.catalina", Level.ALL);
        TomcatXmlConfiguredValve tomcat = TomcatXmlConfiguredValve.startQuietly(
            "<Valve className=\"" + VALVE + "\" keytab=\"" + file + "\"/>",
            TomcatXmlConfiguredValve.memoryRealm(Map.of(aliceUser, "users"), true))) {
      assertThat(tomcat.started()).isFalse();
      assertThat(tomcatLog.records().stream().map(LogRecord::getThrown).filter(Objects::nonNull)
          .flatMap(TomcatValveAttributesTest::chain).map(Throwable::getMessage)
          .filter(Objects::nonNull))
          .anySatisfy(m -> assertThat(m).contains("keytab", file));
    }
  }

  private static TomcatXmlConfiguredValve startIgnoringFailure(String attribute) throws Exception {
    return TomcatXmlConfiguredValve.startQuietly(valve(attribute),
        TomcatXmlConfiguredValve.memoryRealm(Map.of(aliceUser, "users"), true));
  }

  private static java.util.stream.Stream<Throwable> chain(Throwable t) {
    return java.util.stream.Stream.iterate(t, Objects::nonNull, Throwable::getCause);
  }
}
