package dev.krb5gss.web.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.error.Reason;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import dev.krb5gss.web.DropIn;
import dev.krb5gss.web.LogCapture;
import dev.krb5gss.web.NegotiateAdapterContractAccess;
import dev.krb5gss.web.StockSpnego;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.security.AnyUserLoginService;
import org.eclipse.jetty.security.Constraint;
import org.eclipse.jetty.security.SPNEGOLoginService;
import org.eclipse.jetty.security.authentication.SPNEGOAuthenticator;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The drop-in path on Jetty 12.1: the stock {@link SPNEGOAuthenticator} and
 * {@link SPNEGOLoginService} (which logs the service in with the JDK's Krb5LoginModule from the
 * keytab) with the krb5gss provider first in the JVM's list. Our mechanism's own log line and our
 * reasons in the failures Jetty propagates show that krb5gss accepted the tokens.
 */
@ExtendWith(KdcExtension.class)
class StockJettySpnegoTest {
  private static StockSpnego realm;
  private static DropIn dropIn;

  private final List<Throwable> failures = new CopyOnWriteArrayList<>();
  private EmbeddedJetty jetty;
  private LogCapture ours;

  @BeforeAll
  static void realm(KdcPrincipals principals) throws Exception {
    realm = StockSpnego.realm(principals);
    dropIn = DropIn.install(null, null, null);
  }

  @AfterAll
  static void restore() {
    dropIn.close();
  }

  @BeforeEach
  void start() throws Exception {
    ours = StockSpnego.captureOurContexts();
    String name = realm.names().kdc().realm();
    SPNEGOLoginService login = new SPNEGOLoginService(name, new AnyUserLoginService(name, null));
    login.setKeyTabPath(realm.keytab());
    login.setServiceName("HTTP");
    login.setHostName(realm.names().host());
    jetty = EmbeddedJetty.start(new SPNEGOAuthenticator(), login, Constraint.ANY_USER,
        new FailureRecorder(failures));
  }

  @AfterEach
  void stop() throws Exception {
    jetty.close();
    ours.close();
  }

  private List<Reason> ourReasons() {
    return StockSpnego.ourReasons(failures.stream());
  }

  @Test
  void noHeaderIs401WithANegotiateChallenge() throws Exception {
    StockSpnego.assertChallenged(jetty.port());
  }

  @Test
  void ourMechanismAcceptsTheJdkTokenAndJettySendsTheMutualAuthToken() throws Exception {
    realm.assertOurMechanismAccepts(jetty.port(), ours);
  }

  /** Jetty lets the GSSException escape as a RuntimeException: the client sees a 500. */
  @Test
  void aReplayFailsWithOurReason() throws Exception {
    realm.assertReplayRefused(jetty.port(), 500, this::ourReasons);
  }

  @Test
  void aSpnegoOfferOfNtlmAloneFailsWithNtlmOffered() throws Exception {
    StockSpnego.assertRefused(jetty.port(), NegotiateAdapterContractAccess.ntlmOnlyOffer(), 500,
        this::ourReasons, Reason.NTLM_OFFERED);
  }

  /**
   * Jetty's SPNEGOLoginService asks for the client's name before it checks that the context is
   * established, so a negotiation that needs a second leg fails on the first one (GSS-API allows
   * getSrcName only once established; our context says NO_CONTEXT). The native authenticator
   * exists for this case.
   */
  @Test
  void theStockLoginServiceCannotStartATwoLegNegotiation() throws Exception {
    StockSpnego.assertRefused(jetty.port(), NegotiateAdapterContractAccess.ntlmFirstOffer(), 500,
        this::ourReasons, Reason.NO_CONTEXT);
  }

  /** Records what escapes the security handler, then lets Jetty handle it as usual. */
  private static final class FailureRecorder extends Handler.Wrapper {
    private final List<Throwable> seen;

    FailureRecorder(List<Throwable> seen) {
      this.seen = seen;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback)
        throws Exception {
      try {
        return super.handle(request, response, callback);
      } catch (Exception | Error e) {
        seen.add(e);
        throw e;
      }
    }
  }
}
