package dev.krb5gss.web;

import dev.krb5gss.testkit.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.context.Acceptor;
import dev.krb5gss.der.ObjectId;
import dev.krb5gss.gss.MechOids;
import dev.krb5gss.spnego.NegState;
import dev.krb5gss.spnego.NegTokenInit;
import dev.krb5gss.spnego.NegTokenResp;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.logging.Level;
import javax.security.auth.Subject;
import org.ietf.jgss.MessageProp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the native Tomcat and Jetty adapters must both do, against a real embedded server on a
 * loopback port, with tickets from the test KDC and tokens from the JDK's initiator. Paths:
 * {@code /who} needs role "users" (which the role mapper grants), {@code /admin} role "admin".
 */
@ExtendWith(KdcExtension.class)
public abstract class NegotiateAdapterContract {
  static final List<ObjectId> NTLM_FIRST = List.of(MechOids.NTLM, MechOids.KRB5);
  /** An NTLMSSP NEGOTIATE message header (MS-NLMP §2.2.1.1). */
  static final byte[] NTLM_NEGOTIATE =
      "NTLMSSP\0\1\0\0\0\7\202\10\242".getBytes(StandardCharsets.ISO_8859_1);

  protected static KdcPrincipals names;
  protected static Subject alice;
  protected static String aliceName;
  protected static Path keytab;

  protected final MutableClock clock = MutableClock.startingNow();
  protected NegotiateHandler handler;
  protected int port;
  private LogCapture log;

  /** Starts the server with {@code handler} in front of /who and /admin; returns its port. */
  protected abstract int start(NegotiateHandler handler) throws Exception;

  protected abstract void stop() throws Exception;

  protected static void setUpRealm(KdcPrincipals principals) throws Exception {
    names = principals;
    String service = names.addService("HTTP");
    names.addService("other");
    aliceName = names.addUser("alice", "pw");
    alice = names.kdc().login(aliceName, "pw");
    keytab = names.keytab(service);
  }

  @BeforeEach
  void startServer() throws Exception {
    log = LogCapture.of(FailureLog.LOGGER, Level.ALL);
    handler = handlerBuilder().build();
    port = start(handler);
  }

  private NegotiateHandler.Builder handlerBuilder() throws Exception {
    Acceptor acceptor = Acceptor.builder().keytab(keytab).clock(clock)
        .legTimeout(Duration.ofSeconds(30)).build();
    return NegotiateHandler.builder(acceptor).roles(RoleMapper.fixed("users"));
  }

  /** Restarts the server with connection reuse on (off by default). */
  private void restartWithConnectionReuse() throws Exception {
    stop();
    handler = handlerBuilder().persistOnConnection(true).build();
    port = start(handler);
  }

  @AfterEach
  void stopServer() throws Exception {
    stop();
    log.close();
  }

  /**
   * The remote user the adapter reports for alice: the native adapters strip the realm by
   * default (stripRealm); an adapter that keeps the full principal overrides this.
   */
  protected String aliceUser() {
    return aliceName.substring(0, aliceName.indexOf('@'));
  }

  protected static JdkInitiator spnego() throws Exception {
    return JdkInitiator.to(names.hostbased("HTTP")).spnego().start(alice);
  }

  protected static String negotiate(byte[] token) {
    return "Negotiate " + Base64.getEncoder().encodeToString(token);
  }

  protected List<String> failures() {
    return log.messages();
  }

  @Test
  void noHeaderIs401WithANegotiateChallenge() throws Exception {
    RawHttp.Response r = RawHttp.once(port, "/who", null);

    assertThat(r.status).isEqualTo(401);
    assertThat(r.header("WWW-Authenticate")).contains("Negotiate");
    assertThat(failures()).isEmpty();
  }

  @Test
  void jdkSpnegoTokenIs200WithTheRemoteUserAndTheMutualAuthToken() throws Exception {
    try (JdkInitiator init = spnego()) {
      RawHttp.Response r = RawHttp.once(port, "/who", negotiate(init.firstToken()));

      assertThat(r.status).isEqualTo(200);
      assertThat(r.body).isEqualTo("user=" + aliceUser());
      byte[] mutual = r.negotiateToken().orElseThrow();
      assertThat(init.complete(mutual)).isNull();
      assertThat(init.isEstablished()).isTrue();
      assertThat(init.getMutualAuthState()).isTrue();
    }
  }

  @Test
  void theSameTokenAgainIsAReplayLoggedWithTheClientAddress() throws Exception {
    try (JdkInitiator init = spnego()) {
      String header = negotiate(init.firstToken());
      assertThat(RawHttp.once(port, "/who", header).status).isEqualTo(200);

      RawHttp.Response again = RawHttp.once(port, "/who", header);

      assertThat(again.status).isEqualTo(401);
      assertThat(again.header("WWW-Authenticate")).contains("Negotiate");
      assertThat(failures()).singleElement().asString()
          .contains("REPLAY").contains("127.0.0.1").doesNotContain(header.substring(10, 40));
    }
  }

  @Test
  void anNtlmsspTokenIs401WithNtlmOfferedLogged() throws Exception {
    RawHttp.Response r = RawHttp.once(port, "/who", negotiate(NTLM_NEGOTIATE));

    assertThat(r.status).isEqualTo(401);
    assertThat(r.header("WWW-Authenticate")).contains("Negotiate");
    assertThat(failures()).singleElement().asString().contains("NTLM_OFFERED");
  }

  @Test
  void aSpnegoOfferOfNtlmAloneIs401WithNtlmOfferedLogged() throws Exception {
    RawHttp.Response r = RawHttp.once(port, "/who", negotiate(ntlmOnlyOffer()));

    assertThat(r.status).isEqualTo(401);
    assertThat(failures()).singleElement().asString().contains("NTLM_OFFERED");
  }

  @Test
  void aTicketForAServiceNotInTheKeytabIs403() throws Exception {
    try (JdkInitiator init = JdkInitiator.to(names.hostbased("other")).spnego().start(alice)) {
      RawHttp.Response r = RawHttp.once(port, "/who", negotiate(init.firstToken()));

      assertThat(r.status).isEqualTo(403);
      assertThat(failures()).singleElement().asString().contains("SERVICE_NOT_IN_KEYTAB");
    }
  }

  @Test
  void twoLegSpnegoWithNtlmListedFirstCompletesOnOneConnection() throws Exception {
    try (RawHttp http = RawHttp.connect(port); JdkInitiator init = krb5()) {
      RawHttp.Response first = http.get("/who", negotiate(ntlmFirstOffer()));
      assertThat(first.status).isEqualTo(401);
      NegTokenResp incomplete = NegTokenResp.parse(first.negotiateToken().orElseThrow());
      assertThat(incomplete.negState()).contains(NegState.ACCEPT_INCOMPLETE);
      assertThat(incomplete.supportedMech()).contains(MechOids.KRB5);
      assertThat(handler.acceptor().pendingContexts().pendingCount()).isEqualTo(1);

      RawHttp.Response second = http.get("/who", negotiate(secondLeg(init)));

      assertThat(second.status).isEqualTo(200);
      assertThat(second.body).isEqualTo("user=" + aliceUser());
      NegTokenResp done = NegTokenResp.parse(second.negotiateToken().orElseThrow());
      assertThat(done.negState()).contains(NegState.ACCEPT_COMPLETED);
      assertThat(handler.acceptor().pendingContexts().pendingCount()).isZero();
    }
  }

  @Test
  void mutualAuthAfterNtlmFirstTakesAThirdLegForTheClientsMic() throws Exception {
    try (RawHttp http = RawHttp.connect(port);
        JdkInitiator init = JdkInitiator.to(names.hostbased("HTTP")).mutual(true).start(alice)) {
      assertThat(http.get("/who", negotiate(ntlmFirstOffer())).status).isEqualTo(401);
      RawHttp.Response second = http.get("/who",
          negotiate(NegTokenResp.of(null, null, init.firstToken(), null).encode()));
      assertThat(second.status).isEqualTo(401);
      NegTokenResp reply = NegTokenResp.parse(second.negotiateToken().orElseThrow());
      assertThat(init.complete(reply.responseToken().orElseThrow())).isNull();
      assertThat(init.getMutualAuthState()).isTrue();

      byte[] types = NegTokenInit.encodeMechTypes(NTLM_FIRST);
      byte[] mic = init.call(() ->
          init.context().getMIC(types, 0, types.length, new MessageProp(0, false)));
      RawHttp.Response third = http.get("/who",
          negotiate(NegTokenResp.of(null, null, null, mic).encode()));

      assertThat(third.status).isEqualTo(200);
      assertThat(third.body).isEqualTo("user=" + aliceUser());
      assertThat(handler.acceptor().pendingContexts().pendingCount()).isZero();
    }
  }

  @Test
  void theSecondLegAfterTheLegTimeoutIs401AndLeavesTheStoreEmpty() throws Exception {
    try (RawHttp http = RawHttp.connect(port); JdkInitiator init = krb5()) {
      assertThat(http.get("/who", negotiate(ntlmFirstOffer())).status).isEqualTo(401);
      clock.advance(Duration.ofSeconds(30).plusMillis(1));

      RawHttp.Response second = http.get("/who", negotiate(secondLeg(init)));

      assertThat(second.status).isEqualTo(401);
      assertThat(second.header("WWW-Authenticate")).contains("Negotiate");
      assertThat(handler.acceptor().pendingContexts().pendingCount()).isZero();
      assertThat(handler.acceptor().pendingContexts().expiredCount()).isEqualTo(1);
      assertThat(failures()).singleElement().asString().contains("CONTEXT_EXPIRED");
    }
  }

  @Test
  void byDefaultEveryRequestOnAKeepAliveConnectionIsAuthenticatedAgain() throws Exception {
    try (RawHttp http = RawHttp.connect(port); JdkInitiator init = spnego()) {
      assertThat(http.get("/who", negotiate(init.firstToken())).status).isEqualTo(200);

      RawHttp.Response next = http.get("/who", null);

      assertThat(next.status).isEqualTo(401);
      assertThat(next.header("WWW-Authenticate")).contains("Negotiate");
    }
  }

  @Test
  void withReuseOnAnAuthenticatedKeepAliveConnectionIsNotChallengedAgain() throws Exception {
    restartWithConnectionReuse();
    try (RawHttp http = RawHttp.connect(port); JdkInitiator init = spnego()) {
      assertThat(http.get("/who", negotiate(init.firstToken())).status).isEqualTo(200);

      RawHttp.Response next = http.get("/who", null);

      assertThat(next.status).isEqualTo(200);
      assertThat(next.body).isEqualTo("user=" + aliceUser());
      assertThat(next.header("WWW-Authenticate")).isEmpty();
    }
    assertThat(RawHttp.once(port, "/who", null).status).isEqualTo(401);
  }

  @Test
  void withReuseOnAKeepAliveConnectionIsChallengedAgainOnceTheTicketEnds() throws Exception {
    restartWithConnectionReuse();
    try (RawHttp http = RawHttp.connect(port); JdkInitiator init = spnego()) {
      assertThat(http.get("/who", negotiate(init.firstToken())).status).isEqualTo(200);
      clock.advance(Duration.ofDays(8));

      RawHttp.Response next = http.get("/who", null);

      assertThat(next.status).isEqualTo(401);
      assertThat(next.header("WWW-Authenticate")).contains("Negotiate");
    }
  }

  @Test
  void rolesComeFromTheRoleMapper() throws Exception {
    restartWithConnectionReuse();
    try (RawHttp http = RawHttp.connect(port); JdkInitiator init = spnego()) {
      assertThat(http.get("/who", negotiate(init.firstToken())).status).isEqualTo(200);

      assertThat(http.get("/admin", null).status).isEqualTo(403);
    }
  }

  private static JdkInitiator krb5() throws Exception {
    return JdkInitiator.to(names.hostbased("HTTP")).mutual(false).start(alice);
  }

  static byte[] ntlmOnlyOffer() {
    return NegTokenInit.encode(List.of(MechOids.NTLM), NTLM_NEGOTIATE, null);
  }

  static byte[] ntlmFirstOffer() {
    return NegTokenInit.encode(NTLM_FIRST, NTLM_NEGOTIATE, null);
  }

  /** The NegTokenResp with the JDK's Kerberos token and its mechListMIC over NTLM_FIRST. */
  static byte[] secondLeg(JdkInitiator init) throws Exception {
    byte[] types = NegTokenInit.encodeMechTypes(NTLM_FIRST);
    byte[] mic = init.call(() ->
        init.context().getMIC(types, 0, types.length, new MessageProp(0, false)));
    return NegTokenResp.of(null, null, init.firstToken(), mic).encode();
  }
}
