package dev.krb5gss.web.jetty;

import dev.krb5gss.web.NegotiateFloodContract;
import dev.krb5gss.web.NegotiateHandler;
import org.eclipse.jetty.security.Constraint;

/** The flood contract against the native Jetty authenticator on embedded Jetty 12. */
class JettyFloodTest extends NegotiateFloodContract {
  private EmbeddedJetty jetty;
  private NegotiateAuthenticator authenticator;

  @Override
  protected int start(NegotiateHandler handler) throws Exception {
    authenticator = new NegotiateAuthenticator(handler);
    jetty = EmbeddedJetty.start(authenticator, null, Constraint.from("users"), null);
    return jetty.port();
  }

  @Override
  protected void stop() throws Exception {
    jetty.close();
  }

  @Override
  protected long[] adapterCounts() {
    return new long[] {authenticator.getPendingCount(), authenticator.getExpiredCount(),
        authenticator.getRefusedCount(), authenticator.getEvictedCount()};
  }
}
