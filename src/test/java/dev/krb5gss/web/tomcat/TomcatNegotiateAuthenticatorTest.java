package dev.krb5gss.web.tomcat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcPrincipals;
import dev.krb5gss.web.NegotiateAdapterContract;
import dev.krb5gss.web.NegotiateHandler;
import dev.krb5gss.web.RawHttp;
import java.security.Principal;
import org.apache.catalina.Wrapper;
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

  /**
   * {@code requirePac="true"}: a ticket from a KDC that issues no PAC (Kerby) gets a 403 (a new
   * ticket from that KDC would carry none either).
   */
  @Test
  void aValveRequiringAPacRefusesTicketsWithoutOne() throws Exception {
    NegotiateAuthenticator valve = new NegotiateAuthenticator();
    valve.setKeytab(keytab.toString());
    valve.setRequirePac(true);
    try (EmbeddedTomcat configured = EmbeddedTomcat.start(valve, new UsersOnly());
        JdkInitiator init = spnego()) {
      RawHttp.Response r = RawHttp.once(configured.port(), "/who", negotiate(init.firstToken()));

      assertThat(r.status).isEqualTo(403);
      assertThat(valve.handler().acceptor().apAcceptor().policy().requirePac()).isTrue();
      assertThat(failures()).anySatisfy(f -> assertThat(f).contains("PAC_REQUIRED"));
    }
  }

  /** Without a role mapper every user has no roles; this realm's hasRole grants "users". */
  private static final class UsersOnly extends NullRealm {
    @Override
    public boolean hasRole(Wrapper wrapper, Principal p,
        String role) {
      return "users".equals(role) && p != null;
    }
  }
}
