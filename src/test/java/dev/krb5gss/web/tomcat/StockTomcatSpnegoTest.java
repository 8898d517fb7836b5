package dev.krb5gss.web.tomcat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.error.Reason;
import dev.krb5gss.jaas.KeytabLoginModule;
import dev.krb5gss.spnego.NegState;
import dev.krb5gss.spnego.NegTokenResp;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import dev.krb5gss.web.DropIn;
import dev.krb5gss.web.LogCapture;
import dev.krb5gss.web.NegotiateAdapterContractAccess;
import dev.krb5gss.web.RawHttp;
import dev.krb5gss.web.StockSpnego;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Collectors;
import org.apache.catalina.authenticator.SpnegoAuthenticator;
import org.ietf.jgss.GSSException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The drop-in path on Tomcat 11: the stock {@link SpnegoAuthenticator}, a realm of our choosing,
 * {@link KeytabLoginModule} under Tomcat's JAAS entry, and the krb5gss provider first in the JVM's
 * list. Our mechanism's own log line (a server-context transition) and our reasons in the
 * exceptions Tomcat logs show that krb5gss, not the JDK, accepted the tokens.
 */
@ExtendWith(KdcExtension.class)
class StockTomcatSpnegoTest {
  private static final String TOMCAT_JAAS_ENTRY = "com.sun.security.jgss.krb5.accept";

  private static StockSpnego realm;
  private static DropIn dropIn;

  private EmbeddedTomcat tomcat;
  private LogCapture ours;
  private LogCapture tomcatLog;

  @BeforeAll
  static void realm(KdcPrincipals principals) throws Exception {
    realm = StockSpnego.realm(principals);
    dropIn = DropIn.install(TOMCAT_JAAS_ENTRY, KeytabLoginModule.class.getName(),
        Map.of("keyTab", realm.keytab().toString(), "principal", realm.service()));
  }

  @AfterAll
  static void restore() {
    dropIn.close();
  }

  @BeforeEach
  void start() throws Exception {
    ours = StockSpnego.captureOurContexts();
    tomcatLog = LogCapture.of(SpnegoAuthenticator.class.getName(), Level.FINE);
    tomcat = EmbeddedTomcat.start(new SpnegoAuthenticator(), new UsersRealm());
  }

  @AfterEach
  void stop() throws Exception {
    tomcat.close();
    ours.close();
    tomcatLog.close();
  }

  private List<Reason> ourReasonsInTomcatsLog() {
    return StockSpnego.ourReasons(tomcatLog.records().stream().map(LogRecord::getThrown));
  }

  @Test
  void noHeaderIs401WithANegotiateChallenge() throws Exception {
    StockSpnego.assertChallenged(tomcat.port());
  }

  @Test
  void ourMechanismAcceptsTheJdkTokenAndTomcatSendsTheMutualAuthToken() throws Exception {
    realm.assertOurMechanismAccepts(tomcat.port(), ours);
  }

  @Test
  void aReplayIsRefusedWithOurReason() throws Exception {
    realm.assertReplayRefused(tomcat.port(), 401, this::ourReasonsInTomcatsLog);
  }

  /**
   * A raw NTLMSSP token never reaches a provider: the JDK's GSSContextImpl wants the RFC 2743
   * framing on a first token and refuses it itself, so our NTLM_OFFERED hint cannot appear here.
   */
  @Test
  void aRawNtlmsspTokenIsRefusedByTheJdkFramingCheck() throws Exception {
    RawHttp.Response r = RawHttp.once(tomcat.port(), "/who",
        NegotiateAdapterContractAccess.negotiate(NegotiateAdapterContractAccess.ntlmNegotiate()));

    assertThat(r.status).isEqualTo(401);
    assertThat(ourReasonsInTomcatsLog()).isEmpty();
    assertThat(gssMajorsInTomcatsLog()).containsExactly(GSSException.DEFECTIVE_TOKEN);
  }

  @Test
  void aSpnegoOfferOfNtlmAloneIsRefusedWithNtlmOffered() throws Exception {
    StockSpnego.assertRefused(tomcat.port(), NegotiateAdapterContractAccess.ntlmOnlyOffer(), 401,
        this::ourReasonsInTomcatsLog, Reason.NTLM_OFFERED);
  }

  /**
   * Tomcat's authenticator assumes one leg: it disposes of the context after the first request,
   * so the client's second SPNEGO leg (a NegTokenResp) reaches a new JDK context, which refuses it
   * as a first token. The native valve exists for this case.
   */
  @Test
  void theStockAuthenticatorCannotFinishATwoLegNegotiation() throws Exception {
    try (RawHttp http = RawHttp.connect(tomcat.port());
        JdkInitiator init = realm.toHttp().mutual(false).start(realm.alice())) {
      RawHttp.Response first = http.get("/who",
          NegotiateAdapterContractAccess.negotiate(NegotiateAdapterContractAccess.ntlmFirstOffer()));
      assertThat(first.status).isEqualTo(401);
      assertThat(NegTokenResp.parse(first.negotiateToken().orElseThrow()).negState())
          .contains(NegState.ACCEPT_INCOMPLETE);

      RawHttp.Response second = http.get("/who", NegotiateAdapterContractAccess.negotiate(
          NegotiateAdapterContractAccess.secondLeg(init)));

      assertThat(second.status).isEqualTo(401);
      assertThat(gssMajorsInTomcatsLog()).containsExactly(GSSException.DEFECTIVE_TOKEN);
    }
  }

  private List<Integer> gssMajorsInTomcatsLog() {
    return tomcatLog.records().stream().map(LogRecord::getThrown).filter(Objects::nonNull)
        .map(StockTomcatSpnegoTest::gssMajor).filter(Objects::nonNull)
        .collect(Collectors.toList());
  }

  private static Integer gssMajor(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof GSSException) {
        return ((GSSException) c).getMajor();
      }
    }
    return null;
  }

}
