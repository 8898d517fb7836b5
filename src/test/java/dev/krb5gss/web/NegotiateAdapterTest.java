package dev.krb5gss.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.ap.ChannelBindings;
import dev.krb5gss.context.Acceptor;
import dev.krb5gss.keytab.KeytabWriter;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the Tomcat and Jetty adapters share: bindings hashed once per certificate, names. */
class NegotiateAdapterTest {
  @TempDir Path dir;

  private NegotiateAdapter adapter(boolean stripRealm, Pattern noKeepAlive) throws Exception {
    Path keytab = new KeytabWriter().add("HTTP/web.example.com@EXAMPLE.COM", 1, 18)
        .writeTo(dir.resolve("http.keytab"));
    return new NegotiateAdapter(NegotiateHandler.builder(Acceptor.builder().keytab(keytab)
        .build()).build(), stripRealm, noKeepAlive);
  }

  @Test
  void theBindingsOfACertificateAreComputedOncePerCertificate() throws Exception {
    NegotiateAdapter a = adapter(true, null);
    X509Certificate cert = TestCertificates.certificate(
        TestCertificates.keyStore(dir, "server", "RSA", "SHA256withRSA"));
    X509Certificate equalCopy = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(cert.getEncoded()));

    Optional<ChannelBindings> first = a.bindingsOf(cert);

    assertThat(first).isPresent();
    assertThat(a.bindingsOf(cert)).isSameAs(first);
    assertThat(a.bindingsOf(equalCopy)).isSameAs(first);
    assertThat(a.request(null, "connection:1", "127.0.0.1", 1, cert).bindings())
        .isEqualTo(first);
    assertThat(a.request(null, "connection:1", "127.0.0.1", 1, null).bindings()).isEmpty();
  }

  @Test
  void noKeepAliveUserAgentsMatchesTheWholeUserAgent() throws Exception {
    NegotiateAdapter a = adapter(true, Pattern.compile("curl/.*"));

    assertThat(a.closesConnection("curl/8.1")).isTrue();
    assertThat(a.closesConnection("Mozilla/5.0 curl/8.1")).isFalse();
    assertThat(a.closesConnection(null)).isFalse();
    assertThat(adapter(true, null).closesConnection("curl/8.1")).isFalse();
  }

  @Test
  void aHandlerBuiltInCodeTakesOnlyAdapterLevelAttributes() throws Exception {
    NegotiateHandler handler = adapter(true, null).handler();

    assertThat(new AdapterSettings().handler(handler)
        .set(AdapterSettings.Setting.STRIP_REALM, "false").build().handler()).isSameAs(handler);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AdapterSettings()
        .handler(handler).set(AdapterSettings.Setting.MAX_SKEW, "30").build())
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("attribute maxSkew configures the acceptor or the handler")
        .satisfies(e -> assertThat(((InvalidSettingException) e).attribute()).isEqualTo("maxSkew"));
  }

  @Test
  void withoutAKeytabTheStartFailsNamingIt() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AdapterSettings()
        .set(AdapterSettings.Setting.MAX_SKEW, "PT1M").build())
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("attribute keytab is required");
  }
}
