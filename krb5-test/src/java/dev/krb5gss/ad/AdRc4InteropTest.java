package dev.krb5gss.ad;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.interop.AcceptorSession;
import dev.krb5gss.interop.AcceptorUnderTest;
import dev.krb5gss.interop.GssAcceptor;
import dev.krb5gss.interop.GssClient;
import dev.krb5gss.interop.GssSampleServer;
import dev.krb5gss.interop.ProcessResult;
import dev.krb5gss.testkit.JaasLogins;
import java.time.Duration;
import javax.security.auth.Subject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An AD service account that has only an RC4 key ({@code msDS-SupportedEncryptionTypes = 4},
 * MS-KILE §2.2.7), as older AD accounts do: with rc4-hmac (RFC 4757) explicitly allowed in
 * krb5.conf ({@code allow_weak_crypto}), krb5gss accepts the AD's rc4 ticket and protects the
 * messages with the RFC 4757 §7 tokens, plain Kerberos and SPNEGO.
 */
@RequiresSambaAd
class AdRc4InteropTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension
  static final SambaDcExtension AD = SambaDcExtension.withLibdefaults("allow_weak_crypto = true",
      "permitted_enctypes = aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96 arcfour-hmac");

  private static Subject keytabSubject;

  @BeforeAll
  static void exportServiceKeytab() throws Exception {
    keytabSubject = JaasLogins.acceptor(
        AD.serviceKeytab("rc4svc", "Rc4svc-Pass!x", AdEnctypes.RC4_ONLY, "rc4/localhost"),
        "*", true);
  }

  @ParameterizedTest(name = "gss-client {0}")
  @ValueSource(strings = {"", "-spnego", "-nx"})
  void rc4OnlyServiceAccount(String option) throws Exception {
    GssClient options = option.isEmpty() ? GssClient.withOptions()
        : GssClient.withOptions(option, "-mcount", "2");
    try (GssAcceptor gss = GssAcceptor.open(AcceptorUnderTest.KRB5GSS, keytabSubject, null);
        GssSampleServer server = GssSampleServer.start(gss)) {
      ProcessResult client =
          options.call(AD.dc(), AD.ccache(), server.port(), "rc4", "rc4 message");
      AcceptorSession session = server.nextSession(WAIT);

      assertThat(session.failure()).isEmpty();
      assertThat(client.succeeded()).as(client.describe()).isTrue();
      assertThat(session.clientName()).contains(AD.dc().qualify(SambaDcExtension.USER));
      int count = options.messageCount();
      assertThat(session.messages()).hasSize(count).containsOnly("rc4 message");
      assertThat(session.encryptedMessages()).isEqualTo(options.encrypts() ? count : 0);
      assertThat(GssClient.signaturesVerified(client)).isEqualTo(count);
      assertThat(AD.dc().klist(AD.ccache())).containsPattern("rc4/localhost@" + SambaDc.REALM
          + "\\n.*Etype \\(skey, tkt\\): \\S*arcfour-hmac, \\S*arcfour-hmac");
    }
  }
}
