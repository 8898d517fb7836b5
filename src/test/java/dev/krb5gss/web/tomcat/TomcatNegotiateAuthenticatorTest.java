package dev.krb5gss.web.tomcat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcPrincipals;
import dev.krb5gss.web.NegotiateAdapterContract;
import dev.krb5gss.web.NegotiateHandler;
import dev.krb5gss.web.RawHttp;
import org.apache.catalina.realm.NullRealm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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

  /** The context.xml form: {@code <Valve className="...NegotiateAuthenticator" keytab="..."/>}. */
  @Test
  void aValveConfiguredWithOnlyAKeytabAuthenticates() throws Exception {
    NegotiateAuthenticator valve = new NegotiateAuthenticator();
    valve.setKeytab(keytab.toString());
    try (EmbeddedTomcat configured = EmbeddedTomcat.start(valve,
        new StockTomcatSpnegoTest.UsersRealm());
        JdkInitiator init = spnego()) {
      RawHttp.Response r = RawHttp.once(configured.port(), "/who", negotiate(init.firstToken()));

      assertThat(r.status).isEqualTo(200);
      assertThat(r.body).isEqualTo("user=" + aliceUser());
      assertThat(valve.handler().acceptor().keys().toString()).contains(keytab.toString());
    }
  }
}
