package dev.krb5gss.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rc4-hmac opt-in (RFC 4757; deprecated by RFC 8429): with rc4 explicitly allowed in
 * krb5.conf ({@code allow_weak_crypto = true}, {@code permitted_enctypes} listing arcfour-hmac),
 * a ticket for a service that only has an rc4 key is accepted. The service takes only rc4 session
 * keys ({@code session_enctypes}, which MIT's KDC honours with {@code allow_rc4 = true}), so
 * gss-client's subkey is rc4 too and it protects its messages with the RFC 4757 §7 Wrap tokens
 * (sealed, and with {@code -nx} not) and verifies the acceptor's RFC 4757 §7 MIC tokens, with
 * plain Kerberos and SPNEGO, against both acceptors. {@link RejectionInteropTest} covers the
 * default, where the same ticket is refused.
 */
@RequiresMitKrb5
class Rc4OptInInteropTest {
  private static final String USER = "erin";
  private static final String PASSWORD = "erin-password";

  @RegisterExtension
  static final MitRealm REALM = MitRealm.user(USER, PASSWORD)
      .libdefaults("allow_weak_crypto = true", "allow_rc4 = true",
          "permitted_enctypes = aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96 arcfour-hmac")
      .service("rc4/localhost", MitEnctypes.RC4)
      .then(kdc -> kdc.kadmin("setstr rc4/localhost session_enctypes arcfour-hmac"))
      .then(kdc -> kdc.keytabs().exportKeys(kdc.file("rc4.keytab"), "rc4/localhost"))
      .acceptorSubject("rc4.keytab");

  static Stream<Arguments> cases() {
    List<GssClient> clients = List.of(GssClient.withOptions(),
        GssClient.withOptions("-nx", "-mcount", "3"),
        GssClient.withOptions("-seq", "-mcount", "3"),
        GssClient.withOptions("-spnego", "-mcount", "2"));
    return Stream.of(AcceptorUnderTest.values())
        .flatMap(a -> clients.stream().map(c -> Arguments.of(a, c)));
  }

  @ParameterizedTest(name = "{0} acceptor, gss-client {1}")
  @MethodSource("cases")
  void rc4TicketAndRc4TokensWorkWhenRc4IsOptedIn(AcceptorUnderTest acceptor, GssClient options)
      throws Exception {
    assumeTrue(acceptor.available(), acceptor::unavailableReason);
    MitKdc kdc = REALM.kdc();
    MitRealm.GssSampleRun run = REALM.gssClient(acceptor, options, "rc4", "hi");
    ProcessResult client = run.client();
    AcceptorSession session = run.session();

    assertThat(client.succeeded())
        .as(client.describe() + "\nKDC log:\n" + String.join("\n", kdc.log())).isTrue();
    assertThat(session.failure()).isEmpty();
    assertThat(session.clientName()).contains(kdc.qualify(USER));
    // the JDK's acceptor reports sequence detection whatever the client asked
    assertThat(session.flags().sequence())
        .isEqualTo(options.options().contains("-seq") || acceptor == AcceptorUnderTest.JDK);
    int count = options.messageCount();
    assertThat(session.messages()).containsOnly("hi").hasSize(count);
    assertThat(session.wrappedMessages()).isEqualTo(count);
    assertThat(session.encryptedMessages()).isEqualTo(options.encrypts() ? count : 0);
    assertThat(session.micsSent()).isEqualTo(count);
    assertThat(GssClient.signaturesVerified(client)).isEqualTo(count);
    assertThat(kdc.klist(REALM.ccache())).containsPattern("rc4/localhost@" + kdc.realm()
        + "\\n.*Etype \\(skey, tkt\\): \\S*arcfour-hmac, \\S*arcfour-hmac");
  }
}
