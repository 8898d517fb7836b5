package dev.krb5gss.web.jetty;

import dev.krb5gss.testkit.KdcPrincipals;
import dev.krb5gss.web.NegotiateAdapterContract;
import dev.krb5gss.web.NegotiateHandler;
import org.eclipse.jetty.security.Constraint;
import org.junit.jupiter.api.BeforeAll;

/** The native Jetty authenticator against an embedded Jetty 12.1 on a loopback port. */
class JettyNegotiateAuthenticatorTest extends NegotiateAdapterContract {
  private EmbeddedJetty jetty;

  @BeforeAll
  static void realm(KdcPrincipals principals) throws Exception {
    setUpRealm(principals);
  }

  @Override
  protected int start(NegotiateHandler handler) throws Exception {
    jetty = EmbeddedJetty.start(new NegotiateAuthenticator(handler), null,
        Constraint.from("users"), null);
    return jetty.port();
  }

  @Override
  protected void stop() throws Exception {
    jetty.close();
  }
}
