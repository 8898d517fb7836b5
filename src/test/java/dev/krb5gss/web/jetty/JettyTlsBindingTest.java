package dev.krb5gss.web.jetty;

import dev.krb5gss.testkit.KdcPrincipals;
import dev.krb5gss.web.NegotiateHandler;
import dev.krb5gss.web.TlsBindingContract;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;

/** The Jetty authenticator reads the server certificate from the request's TLS session. */
class JettyTlsBindingTest extends TlsBindingContract {
  private EmbeddedJetty jetty;

  @BeforeAll
  static void realm(KdcPrincipals principals) throws Exception {
    setUpRealm(principals);
  }

  @Override
  protected int start(NegotiateHandler handler, Path keyStore) throws Exception {
    jetty = EmbeddedJetty.startTls(new NegotiateAuthenticator(handler), keyStore);
    return jetty.port();
  }

  @Override
  protected void stop() throws Exception {
    jetty.close();
  }
}
