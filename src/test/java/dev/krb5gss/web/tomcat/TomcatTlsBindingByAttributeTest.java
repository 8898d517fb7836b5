package dev.krb5gss.web.tomcat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.testkit.KdcPrincipals;
import dev.krb5gss.web.NegotiateHandler;
import dev.krb5gss.web.TestCertificates;
import dev.krb5gss.web.TlsBindingContract;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.realm.NullRealm;
import org.apache.tomcat.util.IntrospectionUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Channel bindings with the certificate given as the {@code serverCertificateFile} attribute,
 * set as Tomcat's digester sets attributes ({@link IntrospectionUtils#setProperty}).
 */
class TomcatTlsBindingByAttributeTest extends TlsBindingContract {
  private EmbeddedTomcat tomcat;

  @BeforeAll
  static void realm(KdcPrincipals principals) throws Exception {
    setUpRealm(principals);
  }

  @Override
  protected int start(NegotiateHandler handler, Path keyStore) throws Exception {
    Path pem = Files.createTempFile("server", ".der");
    Files.write(pem, TestCertificates.certificate(keyStore).getEncoded());
    NegotiateAuthenticator valve = new NegotiateAuthenticator(handler);
    assertThat(IntrospectionUtils.setProperty(valve, "serverCertificateFile", pem.toString()))
        .isTrue();
    tomcat = EmbeddedTomcat.startTls(valve, new NullRealm(), keyStore);
    return tomcat.port();
  }

  @Override
  protected void stop() throws Exception {
    tomcat.close();
  }

  @Test
  void aFileThatIsNotACertificateFailsTheStartNamingTheAttribute() throws Exception {
    Path junk = Files.writeString(Files.createTempFile("junk", ".pem"), "not a certificate");
    try (dev.krb5gss.web.LogCapture log = dev.krb5gss.web.LogCapture.of("org.apache.catalina",
            java.util.logging.Level.ALL);
        TomcatXmlConfiguredValve configured = TomcatXmlConfiguredValve.startQuietly(
            "<Valve className=\"" + NegotiateAuthenticator.class.getName() + "\" keytab=\""
                + keytab + "\" serverCertificateFile=\"" + junk + "\"/>",
            TomcatXmlConfiguredValve.memoryRealm(java.util.Map.of("alice", "users"), true))) {
      assertThat(configured.started()).isFalse();
      assertThat(log.records().stream().map(java.util.logging.LogRecord::getThrown)
          .filter(java.util.Objects::nonNull)
          .flatMap(t -> java.util.stream.Stream.iterate(t, java.util.Objects::nonNull,
              Throwable::getCause))
          .map(Throwable::getMessage).filter(java.util.Objects::nonNull))
          .anySatisfy(m -> assertThat(m).contains("serverCertificateFile", junk.toString()));
    }
  }

  /** requireChannelBindings="true": a client that sends no bindings is refused, one that does is not. */
  @Test
  void requireChannelBindingsRefusesAClientWithoutBindings() throws Exception {
    Path der = Files.createTempFile("server", ".der");
    Files.write(der, TestCertificates.certificate(keyStore).getEncoded());
    NegotiateAuthenticator valve = new NegotiateAuthenticator();
    for (String[] a : new String[][] {{"keytab", keytab.toString()},
        {"serverCertificateFile", der.toString()}, {"requireChannelBindings", "true"}}) {
      assertThat(IntrospectionUtils.setProperty(valve, a[0], a[1])).as(a[0]).isTrue();
    }
    int contractPort = port;
    try (EmbeddedTomcat strict = EmbeddedTomcat.startTls(valve,
        new StockTomcatSpnegoTest.UsersRealm(), keyStore)) {
      port = strict.port();
      byte[] hash = java.security.MessageDigest.getInstance("SHA-384")
          .digest(TestCertificates.certificate(keyStore).getEncoded());

      assertThat(getWith(null).status).isIn(401, 403);
      assertThat(log.messages()).singleElement().asString().contains("CHANNEL_BINDING");
      assertThat(getWith(endPoint(hash)).status).isEqualTo(200);
    } finally {
      port = contractPort;
    }
  }
}
