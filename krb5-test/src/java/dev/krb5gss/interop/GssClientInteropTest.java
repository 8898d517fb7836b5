package dev.krb5gss.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MIT's gss-client against a Java acceptor speaking the gss-sample protocol: Kerberos V5
 * (RFC 4121) and SPNEGO (RFC 4178), wrap with and without confidentiality, MICs, several
 * messages, no mutual authentication, sequencing, delegation, aes-sha1 (RFC 3962) and aes-sha2
 * (RFC 8009) service tickets.
 */
@RequiresMitKrb5
class GssClientInteropTest {
  private static final String USER = "alice";
  private static final String PASSWORD = "alice-password";
  private static final String MESSAGE = "interop message";

  @RegisterExtension
  static final MitRealm REALM = MitRealm.user(USER, PASSWORD)
      .service("host/localhost", MitEnctypes.AES_SHA1)
      .service("sha2/localhost", MitEnctypes.AES_SHA2)
      .ktadd("services.keytab", MitEnctypes.AES_SHA1, "host/localhost")
      .ktadd("services.keytab", MitEnctypes.AES_SHA2, "sha2/localhost")
      .acceptorSubject("services.keytab");

  /** One case: the options given to gss-client, the service and what each acceptor does. */
  record Case(String name, String service, String enctypeInTicket, GssClient client,
      Expected expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("krb5 wrap+encrypt+MIC", "host", "aes256-cts-hmac-sha1-96",
            GssClient.withOptions(), Expected.acceptedByAll()),
        new Case("spnego wrap+encrypt+MIC", "host", "aes256-cts-hmac-sha1-96",
            GssClient.withOptions("-spnego"), Expected.acceptedByAll()),
        new Case("krb5 -mcount 5", "host", "aes256-cts-hmac-sha1-96",
            GssClient.withOptions("-mcount", "5"), Expected.acceptedByAll()),
        new Case("spnego -mcount 5", "host", "aes256-cts-hmac-sha1-96",
            GssClient.withOptions("-spnego", "-mcount", "5"), Expected.acceptedByAll()),
        new Case("krb5 -nw -nm", "host", "aes256-cts-hmac-sha1-96",
            GssClient.withOptions("-nw", "-nm"), Expected.acceptedByAll()),
        new Case("krb5 -nx (wrap, integrity only)", "host", "aes256-cts-hmac-sha1-96",
            GssClient.withOptions("-nx"), Expected.acceptedByAll()),
        new Case("krb5 -nomutual", "host", "aes256-cts-hmac-sha1-96",
            GssClient.withOptions("-nomutual"), Expected.acceptedByAll()),
        new Case("krb5 -seq", "host", "aes256-cts-hmac-sha1-96",
            GssClient.withOptions("-seq", "-mcount", "3"), Expected.acceptedByAll()),
        new Case("spnego -seq", "host", "aes256-cts-hmac-sha1-96",
            GssClient.withOptions("-spnego", "-seq", "-mcount", "3"), Expected.acceptedByAll()),
        new Case("krb5 -d (delegation)", "host", "aes256-cts-hmac-sha1-96",
            GssClient.withOptions("-d"), Expected.acceptedByAll()),
        new Case("krb5 aes-sha2 ticket", "sha2", "aes256-cts-hmac-sha384-192",
            GssClient.withOptions("-mcount", "2"), Expected.acceptedByAll()),
        new Case("spnego aes-sha2 ticket", "sha2", "aes256-cts-hmac-sha384-192",
            GssClient.withOptions("-spnego", "-mcount", "2"), Expected.acceptedByAll()));
  }

  static Stream<Arguments> acceptorsAndCases() {
    return Arrays.stream(AcceptorUnderTest.values())
        .flatMap(acceptor -> cases().map(c -> Arguments.of(acceptor, c)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("acceptorsAndCases")
  void gssClientTalksToTheAcceptor(AcceptorUnderTest acceptor, Case c) throws Exception {
    assumeTrue(acceptor.available(), acceptor::unavailableReason);
    MitRealm.GssSampleRun run = REALM.gssClient(acceptor, c.client(), c.service(), MESSAGE);

    c.expected().verify(acceptor, run.session());
    if (c.expected().accepts(acceptor)) {
      assertAcceptedExchange(acceptor, c, run.client(), run.session());
    } else {
      assertThat(run.client().succeeded()).as(run.client().describe()).isFalse();
    }
  }

  private static void assertAcceptedExchange(AcceptorUnderTest acceptor, Case c,
      ProcessResult client, AcceptorSession session) throws Exception {
    MitKdc kdc = REALM.kdc();
    GssClient options = c.client();
    int count = options.messageCount();
    assertThat(client.succeeded()).as(client.describe()).isTrue();
    assertThat(session.clientName()).contains(kdc.qualify(USER));
    assertThat(session.messages()).hasSize(count).containsOnly(MESSAGE);
    assertThat(session.wrappedMessages()).isEqualTo(options.wraps() ? count : 0);
    assertThat(session.encryptedMessages()).isEqualTo(options.encrypts() ? count : 0);
    assertThat(session.micsSent()).isEqualTo(options.wantsMic() ? count : 0);
    assertThat(GssClient.signaturesVerified(client))
        .as(client.describe()).isEqualTo(options.wantsMic() ? count : 0);
    assertThat(session.flags().mutual()).isEqualTo(options.mutual());
    boolean sequenceRequested = options.options().contains("-seq");
    if (acceptor == AcceptorUnderTest.KRB5GSS) {
      // krb5gss reports the flags of the authenticator checksum (RFC 4121 §4.1.1) as sent.
      assertThat(session.flags().sequence()).isEqualTo(sequenceRequested);
    } else if (sequenceRequested) {
      // Only the requested case is asserted: the JDK's acceptor reports sequence detection on
      // every context (it always checks sequence numbers), which RFC 2743 §2.2.2 permits.
      assertThat(session.flags().sequence()).isTrue();
    }
    assertThat(session.flags().delegation()).isEqualTo(options.options().contains("-d"));
    assertThat(kdc.klist(REALM.ccache())).containsPattern(c.service() + "/localhost@" + kdc.realm()
        + "\\n.*Etype \\(skey, tkt\\): [^,]+, " + c.enctypeInTicket());
  }
}
