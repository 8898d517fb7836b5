package dev.krb5gss.web.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.context.Acceptor;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.crypto.SecretBytes;
import dev.krb5gss.keytab.ServiceKey;
import dev.krb5gss.keytab.ServiceKeyTable;
import dev.krb5gss.name.PrincipalName;
import dev.krb5gss.web.NegotiateHandler;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code setRequirePac} on the Jetty authenticator never leaves PACs silently optional. */
class JettyRequirePacTest {
  private static Acceptor.Builder acceptor() {
    return Acceptor.builder().keys(ServiceKeyTable.of(List.of(new ServiceKey(
        PrincipalName.parse("HTTP/www.example.com@EXAMPLE.COM", ""), 1,
        EncType.AES256_CTS_HMAC_SHA1_96, SecretBytes.copyOf(new byte[32])))));
  }

  @Test
  void requiringAPacNeedsAnAcceptorThatRequiresOne() throws Exception {
    NegotiateAuthenticator lax = new NegotiateAuthenticator(
        NegotiateHandler.builder(acceptor().build()).build());

    assertThatThrownBy(() -> lax.setRequirePac(true)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Acceptor.builder().requirePac(true)");
    assertThat(lax.isRequirePac()).isFalse();
  }

  @Test
  void anAcceptorThatRequiresAPacSatisfiesTheSetting() throws Exception {
    NegotiateAuthenticator strict = new NegotiateAuthenticator(
        NegotiateHandler.builder(acceptor().requirePac(true).build()).build());

    strict.setRequirePac(true);
    assertThat(strict.isRequirePac()).isTrue();
  }
}
