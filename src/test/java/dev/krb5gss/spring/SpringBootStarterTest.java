package dev.krb5gss.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.context.Acceptor;
import dev.krb5gss.der.ObjectId;
import dev.krb5gss.gss.MechOids;
import dev.krb5gss.spnego.NegTokenInit;
import dev.krb5gss.spnego.NegTokenResp;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import dev.krb5gss.web.FailureLog;
import dev.krb5gss.web.LogCapture;
import dev.krb5gss.web.NegotiateHandler;
import dev.krb5gss.web.RawHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import javax.security.auth.Subject;
import org.ietf.jgss.MessageProp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Boot auto-configuration, as a user meets it: an application with no krb5gss code, only
 * {@code krb5gss.keytab} and {@code krb5gss.role-mapping}; real tickets from the test KDC and
 * tokens from the JDK's initiator over real HTTP.
 */
@Tag("spring")
@ExtendWith(KdcExtension.class)
class SpringBootStarterTest {
  private static final List<ObjectId> NTLM_FIRST = List.of(MechOids.NTLM, MechOids.KRB5);
  private static final byte[] NTLM_NEGOTIATE =
      "NTLMSSP\0\1\0\0\0\7\202\10\242".getBytes(StandardCharsets.ISO_8859_1);

  private static KdcPrincipals names;
  private static Subject alice;
  private static Subject bob;
  private static String aliceName;
  private static String bobName;
  private static Path keytab;
  private static Path otherKeytab;
  @TempDir static Path dir;

  private ConfigurableApplicationContext app;

  @BeforeAll
  static void realm(KdcPrincipals principals) throws Exception {
    names = principals;
    keytab = names.keytab(names.addService("HTTP"));
    otherKeytab = names.keytab(names.addService("other"));
    aliceName = names.addUser("alice", "pw");
    bobName = names.addUser("bob", "pw");
    alice = names.kdc().login(aliceName, "pw");
    bob = names.kdc().login(bobName, "pw");
  }

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  private int start(Path serviceKeytab) throws Exception {
    Path roles = dir.resolve("roles.properties");
    Files.writeString(roles, aliceName + " = users, admin\n" + bobName + " = users\n");
    app = SpringApps.start(StarterApp.class, Map.of("krb5gss.keytab", serviceKeytab.toString(),
        "krb5gss.role-mapping", roles.toString(), "krb5gss.leg-timeout", "20s"), null);
    return SpringApps.port(app);
  }

  private static JdkInitiator spnego(Subject user) throws Exception {
    return JdkInitiator.to(names.hostbased("HTTP")).spnego().start(user);
  }

  private static String negotiate(byte[] token) {
    return "Negotiate " + Base64.getEncoder().encodeToString(token);
  }

  @Test
  void aTicketGets200WithTheNameAndTheMutualToken() throws Exception {
    int port = start(keytab);
    try (JdkInitiator init = spnego(alice)) {
      RawHttp.Response r = RawHttp.once(port, "/who", negotiate(init.firstToken()));

      assertThat(r.status).isEqualTo(200);
      assertThat(r.body).isEqualTo("user=" + aliceName);
      assertThat(init.complete(r.negotiateToken().orElseThrow())).isNull();
      assertThat(init.getMutualAuthState()).isTrue();
    }
  }

  @Test
  void noTicketGets401Negotiate() throws Exception {
    int port = start(keytab);
    RawHttp.Response r = RawHttp.once(port, "/who", null);

    assertThat(r.status).isEqualTo(401);
    assertThat(r.header("WWW-Authenticate")).contains("Negotiate");
  }

  @Test
  void rolesFromTheMappingReachPreAuthorize() throws Exception {
    int port = start(keytab);
    try (JdkInitiator a = spnego(alice); JdkInitiator b = spnego(bob)) {
      assertThat(RawHttp.once(port, "/admin", negotiate(a.firstToken())).status).isEqualTo(200);

      RawHttp.Response denied = RawHttp.once(port, "/admin", negotiate(b.firstToken()));
      assertThat(denied.status).isEqualTo(403);
    }
    assertThat(app.getBean(NegotiateHandler.class).acceptor()).isSameAs(app.getBean(Acceptor.class));
  }

  @Test
  void aWrongKeytabIs403WithTheReasonInTheLog() throws Exception {
    int port = start(otherKeytab);
    try (LogCapture log = LogCapture.of(FailureLog.LOGGER, Level.ALL);
        JdkInitiator init = spnego(alice)) {
      RawHttp.Response r = RawHttp.once(port, "/who", negotiate(init.firstToken()));

      assertThat(r.status).isEqualTo(403);
      assertThat(log.messages()).singleElement().asString()
          .contains("SERVICE_NOT_IN_KEYTAB").contains("127.0.0.1");
    }
  }

  @Test
  void aMultiLegNtlmFirstClientCompletes() throws Exception {
    int port = start(keytab);
    try (RawHttp http = RawHttp.connect(port);
        JdkInitiator init = JdkInitiator.to(names.hostbased("HTTP")).mutual(false).start(alice)) {
      RawHttp.Response first = http.get("/who",
          negotiate(NegTokenInit.encode(NTLM_FIRST, NTLM_NEGOTIATE, null)));
      assertThat(first.status).isEqualTo(401);
      assertThat(first.negotiateToken()).isPresent();

      byte[] types = NegTokenInit.encodeMechTypes(NTLM_FIRST);
      byte[] mic = init.call(() ->
          init.context().getMIC(types, 0, types.length, new MessageProp(0, false)));
      RawHttp.Response second = http.get("/who",
          negotiate(NegTokenResp.of(null, null, init.firstToken(), mic).encode()));

      assertThat(second.status).isEqualTo(200);
      assertThat(second.body).isEqualTo("user=" + aliceName);
    }
  }

  @Test
  void requirePacRefusesTicketsWithoutOne() throws Exception {
    app = SpringApps.start(StarterApp.class,
        Map.of("krb5gss.keytab", keytab.toString(), "krb5gss.require-pac", "true"), null);
    int port = SpringApps.port(app);
    try (JdkInitiator init = JdkInitiator.to(names.hostbased("HTTP")).start(alice)) {
      RawHttp.Response r = RawHttp.once(port, "/who", negotiate(init.firstToken()));

      assertThat(r.status).isEqualTo(403);
      assertThat(app.getBean(dev.krb5gss.context.Acceptor.class).apAcceptor().policy()
          .requirePac()).isTrue();
    }
  }

  @Test
  void anInvalidSettingFailsTheStartNamingIt() {
    assertThatThrownBy(() -> app = SpringApps.start(StarterApp.class,
        Map.of("krb5gss.keytab", keytab.toString(), "krb5gss.max-skew", "five minutes"), null))
        .hasStackTraceContaining("krb5gss.max-skew");
    assertThatThrownBy(() -> app = SpringApps.start(StarterApp.class,
        Map.of("krb5gss.keytab", keytab.toString(), "krb5gss.enctypes", "des-cbc-crc"), null))
        .hasStackTraceContaining("des");
  }

  @Test
  void withoutTheKeytabPropertyNothingOfKrb5gssIsActive() {
    app = SpringApps.start(StarterApp.class, Map.of(), null);

    assertThat(app.getBeansOfType(NegotiateHandler.class)).isEmpty();
  }
}
