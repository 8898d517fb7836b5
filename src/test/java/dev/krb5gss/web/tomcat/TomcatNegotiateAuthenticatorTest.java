package dev.krb5gss.web.tomcat;

import dev.krb5gss.testkit.KdcPrincipals;
import dev.krb5gss.web.NegotiateAdapterContract;
import dev.krb5gss.web.NegotiateHandler;
import org.apache.catalina.realm.NullRealm;
import org.junit.jupiter.api.BeforeAll;

/** The native Tomcat valve against embedded Tomcat 11 on a loopback port. */
class TomcatNegotiateAuthenticatorTest extends NegotiateAdapterContract {
  private EmbeddedTomcat tomcat;

  @BeforeAll
  static void realm(KdcPrincipals principals) throws Exception {
    setUpRealm(principals);
  }

  @Override
  protected int start(NegotiateHandler handler) throws Exception {
    tomcat = EmbeddedTomcat.start(new NegotiateAuthenticator(handler), new NullRealm());
    return tomcat.port();
  }

  @Override
  protected void stop() throws Exception {
    tomcat.close();
  }
}
