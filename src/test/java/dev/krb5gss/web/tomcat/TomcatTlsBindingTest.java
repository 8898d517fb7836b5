package dev.krb5gss.web.tomcat;

import dev.krb5gss.testkit.KdcPrincipals;
import dev.krb5gss.web.NegotiateHandler;
import dev.krb5gss.web.TestCertificates;
import dev.krb5gss.web.TlsBindingContract;
import java.nio.file.Path;
import org.apache.catalina.realm.NullRealm;
import org.junit.jupiter.api.BeforeAll;

/** The Tomcat valve is given the connector's certificate ({@code setServerCertificate}). */
class TomcatTlsBindingTest extends TlsBindingContract {
  private EmbeddedTomcat tomcat;

  @BeforeAll
  static void realm(KdcPrincipals principals) throws Exception {
    setUpRealm(principals);
  }

  @Override
  protected int start(NegotiateHandler handler, Path keyStore) throws Exception {
    NegotiateAuthenticator valve = new NegotiateAuthenticator(handler);
    valve.setServerCertificate(TestCertificates.certificate(keyStore));
    tomcat = EmbeddedTomcat.startTls(valve, new NullRealm(), keyStore);
    return tomcat.port();
  }

  @Override
  protected void stop() throws Exception {
    tomcat.close();
  }
}
