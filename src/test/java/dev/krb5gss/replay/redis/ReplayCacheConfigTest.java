package dev.krb5gss.replay.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.Krb5GssProvider;
import dev.krb5gss.context.AcceptStatus;
import dev.krb5gss.context.Acceptor;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.jaas.KeytabLoginException;
import dev.krb5gss.jaas.KeytabLoginModule;
import dev.krb5gss.replay.ReplayCaches;
import dev.krb5gss.spring.boot.Krb5GssAutoConfiguration;
import dev.krb5gss.spring.boot.Krb5GssProperties;
import dev.krb5gss.testkit.GssOids;
import dev.krb5gss.testkit.JaasLogins;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import dev.krb5gss.testkit.Subjects;
import dev.krb5gss.web.RawHttp;
import dev.krb5gss.web.tomcat.EmbeddedTomcat;
import dev.krb5gss.web.tomcat.NegotiateAuthenticator;
import java.nio.file.Path;
import java.security.Principal;
import java.security.Security;
import java.util.Base64;
import java.util.Map;
import javax.security.auth.Subject;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.Oid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every configuration route reaches the shared cache, each proven by a replay refused across two
 * acceptors on one Redis: the {@code krb5gss.replayCache} system property (and Security property)
 * through {@code GSSManager.getInstance()}, the {@code KeytabLoginModule} option
 * {@code replayCache}, the Tomcat valve's {@code replayCache} attribute (and HTTP 503 while
 * its cache is unreachable), and the Spring Boot property {@code krb5gss.replay-cache}. Each route uses its own database, so a hit proves that route.
 */
@RequiresRedis
@ExtendWith(KdcExtension.class)
class ReplayCacheConfigTest {
  private static RedisServer redis;
  private static Subject alice;
  private static String target;
  private static String service;
  private static Path keytab;

  @BeforeAll
  static void start(KdcPrincipals names) throws Exception {
    redis = RedisServer.start();
    service = names.addService("HTTP");
    names.addUser("alice", "alice-pw");
    alice = names.kdc().login(names.user("alice"), "alice-pw");
    target = names.hostbased("HTTP");
    keytab = names.keytab(service);
    Krb5GssProvider.install();
  }

  @AfterAll
  static void stop() throws Exception {
    Krb5GssProvider.uninstall();
    redis.close();
  }

  @AfterEach
  void clearProperties() {
    System.clearProperty(ReplayCaches.PROPERTY);
    Security.setProperty(ReplayCaches.PROPERTY, "");
  }

  private static String uri(int db) {
    return "redis://127.0.0.1:" + redis.port() + "/" + db + "?timeout=250";
  }

  private static byte[] freshToken() throws Exception {
    try (JdkInitiator init = JdkInitiator.to(target).start(alice)) {
      return init.firstToken();
    }
  }

  /** A second node: the plain API with a private cache on {@code db}. */
  private static Acceptor otherNode(int db) throws Exception {
    RedisReplayCache cache = RedisReplayCache.open(uri(db));
    assertThat(cache.awaitAvailable(java.time.Duration.ofSeconds(10))).isTrue();
    return Acceptor.builder().keytab(keytab).replayCache(cache).build();
  }

  /** GSSManager.getInstance() as an unmodified server: ACCEPT credentials from {@code service}. */
  private static GSSContext acceptThroughGss(Subject serviceSubject, byte[] token) throws Exception {
    return Subjects.callAs(serviceSubject, () -> {
      GSSManager m = GSSManager.getInstance();
      GSSCredential cred = m.createCredential(null, GSSCredential.INDEFINITE_LIFETIME,
          new Oid[] {GssOids.KRB5}, GSSCredential.ACCEPT_ONLY);
      GSSContext c = m.createContext(cred);
      c.acceptSecContext(token, 0, token.length);
      return c;
    });
  }

  private static void assertReplayOn(Acceptor node, byte[] token) {
    assertThatThrownBy(() -> node.newContext().accept(token))
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.REPLAY));
  }

  @Test
  void theSystemPropertyReachesEveryAcceptorOfTheProvider() throws Exception {
    System.setProperty(ReplayCaches.PROPERTY, uri(2));
    Subject jdkLogin = JaasLogins.acceptor(keytab, service);
    Acceptor other = otherNode(2);

    byte[] token = freshToken();
    assertThat(acceptThroughGss(jdkLogin, token).isEstablished()).isTrue();
    assertReplayOn(other, token);
    assertThat(redis.commandIn(2, "DBSIZE")).isNotEqualTo(":0");

    byte[] second = freshToken();
    assertThat(other.newContext().accept(second).status()).isEqualTo(AcceptStatus.COMPLETE);
    assertThatThrownBy(() -> acceptThroughGss(jdkLogin, second))
        .isInstanceOfSatisfying(GSSException.class,
            e -> assertThat(e.getMajor()).isEqualTo(GSSException.DUPLICATE_TOKEN));
  }

  @Test
  void theSecurityPropertyWorksWhenNoSystemPropertyIsSet() throws Exception {
    Security.setProperty(ReplayCaches.PROPERTY, uri(3));
    Subject jdkLogin = JaasLogins.acceptor(keytab, service);
    byte[] token = freshToken();
    assertThat(acceptThroughGss(jdkLogin, token).isEstablished()).isTrue();
    assertReplayOn(otherNode(3), token);
  }

  @Test
  void theLoginModuleOptionWinsOverTheProperty() throws Exception {
    System.setProperty(ReplayCaches.PROPERTY, uri(2));
    Subject subject = new Subject();
    KeytabLoginModule module = new KeytabLoginModule();
    module.initialize(subject, null, Map.of(), Map.of("keyTab", keytab.toString(),
        "principal", service, "replayCache", uri(4)));
    assertThat(module.login()).isTrue();
    assertThat(module.commit()).isTrue();

    byte[] token = freshToken();
    assertThat(acceptThroughGss(subject, token).isEstablished()).isTrue();
    assertReplayOn(otherNode(4), token);
    assertThat(otherNode(2).newContext().accept(token).status())
        .as("the property's database never saw the token").isEqualTo(AcceptStatus.COMPLETE);
  }

  @Test
  void aMalformedLoginModuleOptionFailsTheLoginWithoutQuotingThePassword() {
    KeytabLoginModule module = new KeytabLoginModule();
    module.initialize(new Subject(), null, Map.of(), Map.of("keyTab", keytab.toString(),
        "principal", service, "replayCache", "redis://u:Secret-77@h:6379/0?timeout=forever"));
    assertThatThrownBy(module::login)
        .isInstanceOfSatisfying(KeytabLoginException.class, e -> assertThat(e.problem())
            .isEqualTo(KeytabLoginException.Problem.INVALID_OPTION))
        .hasMessageContaining("replayCache").hasMessageContaining("got 'forever'")
        .hasMessageNotContaining("Secret-77");
  }

  @Test
  void theValveAttributeReachesTheValvesAcceptor() throws Exception {
    NegotiateAuthenticator valve = new NegotiateAuthenticator();
    valve.setKeytab(keytab.toString());
    valve.setReplayCache(uri(5));
    try (EmbeddedTomcat tomcat = EmbeddedTomcat.start(valve, new UsersRealm())) {
      byte[] token = freshToken();
      RawHttp.Response r = RawHttp.once(tomcat.port(), "/who", negotiate(token));
      assertThat(r.status).isEqualTo(200);
      assertReplayOn(otherNode(5), token);

      byte[] second = freshToken();
      otherNode(5).newContext().accept(second);
      assertThat(RawHttp.once(tomcat.port(), "/who", negotiate(second)).status).isEqualTo(401);
    }
  }

  /** The same attribute on the native Jetty authenticator (Jetty XML's setter). */
  @Test
  void theJettyAttributeReachesItsAcceptor() throws Exception {
    dev.krb5gss.web.jetty.NegotiateAuthenticator jetty =
        new dev.krb5gss.web.jetty.NegotiateAuthenticator();
    jetty.setKeytab(keytab.toString());
    jetty.setReplayCache(uri(7));
    try (dev.krb5gss.web.jetty.EmbeddedJetty server = dev.krb5gss.web.jetty.EmbeddedJetty.start(
        jetty, null, org.eclipse.jetty.security.Constraint.ANY_USER, null)) {
      byte[] token = freshToken();
      assertThat(RawHttp.once(server.port(), "/who", negotiate(token)).status).isEqualTo(200);
      assertReplayOn(otherNode(7), token);

      byte[] second = freshToken();
      otherNode(7).newContext().accept(second);
      assertThat(RawHttp.once(server.port(), "/who", negotiate(second)).status).isEqualTo(401);
    }
  }

  @Test
  void theSpringBootPropertyReachesTheAutoConfiguredAcceptor() throws Exception {
    Krb5GssProperties properties = new Krb5GssProperties();
    properties.setKeytab(keytab);
    properties.setReplayCache(uri(6));
    Acceptor spring = new Krb5GssAutoConfiguration().krb5gssAcceptor(properties);
    byte[] token = freshToken();
    assertThat(spring.newContext().accept(token).status()).isEqualTo(AcceptStatus.COMPLETE);
    assertReplayOn(otherNode(6), token);
  }

  @Test
  void theValveAnswers503WhileItsReplayCacheIsUnreachable() throws Exception {
    RedisServer down = RedisServer.start();
    String unreachable = down.uri("?timeout=50");
    down.close();
    NegotiateAuthenticator valve = new NegotiateAuthenticator();
    valve.setKeytab(keytab.toString());
    valve.setReplayCache(unreachable);
    try (EmbeddedTomcat tomcat = EmbeddedTomcat.start(valve, new UsersRealm())) {
      RawHttp.Response r = RawHttp.once(tomcat.port(), "/who", negotiate(freshToken()));
      assertThat(r.status).isEqualTo(503);
      assertThat(r.headers).doesNotContainKey("www-authenticate");
    }
  }

  private static String negotiate(byte[] token) {
    return "Negotiate " + Base64.getEncoder().encodeToString(token);
  }

  /** Grants role "users" to every authenticated principal. */
  /** The valve asks the realm for the user (as SpnegoAuthenticator does): every one is in "users". */
  private static final class UsersRealm extends org.apache.catalina.realm.RealmBase {
    @Override
    protected String getPassword(String username) {
      return null;
    }

    @Override
    protected Principal getPrincipal(String username) {
      return new org.apache.catalina.realm.GenericPrincipal(username, java.util.List.of("users"));
    }
  }
}
