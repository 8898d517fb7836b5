package dev.krb5gss.ad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.krb5gss.interop.AcceptorSession;
import dev.krb5gss.interop.AcceptorUnderTest;
import dev.krb5gss.interop.GssAcceptor;
import dev.krb5gss.interop.GssClient;
import dev.krb5gss.interop.GssSampleServer;
import dev.krb5gss.interop.ProcessResult;
import dev.krb5gss.testkit.JaasLogins;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import javax.security.auth.Subject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MIT's {@code kinit} against a Samba AD KDC, then MIT's gss-client against a Java acceptor whose
 * keytab {@code samba-tool domain exportkeytab} wrote: Kerberos V5 (RFC 4121) and SPNEGO
 * (RFC 4178), wrap with and without confidentiality and MICs, on AD tickets (aes256, with a
 * PAC); an enterprise-name logon ({@code kinit -E alice@samdom.test}, RFC 6806 §5); and a keytab
 * left stale by a password change, which krb5gss refuses naming both key versions.
 */
@RequiresSambaAd
class AdGssClientInteropTest {
  private static final String USER = SambaDcExtension.USER;
  private static final String STALE_ACCOUNT = "stalesvc";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension
  static final SambaDcExtension AD = SambaDcExtension.create();

  private static SambaDc dc;
  private static Subject keytabSubject;

  @BeforeAll
  static void exportServiceKeytab() throws Exception {
    dc = AD.dc();
    keytabSubject = JaasLogins.acceptor(
        AD.serviceKeytab("hostsvc", "H0stsvc-Pass!x", AdEnctypes.AES, "host/localhost"), "*", true);
  }

  static Stream<Arguments> acceptorsAndClients() {
    return Stream.of(AcceptorUnderTest.values()).flatMap(acceptor -> Stream.of(
        GssClient.withOptions(),
        GssClient.withOptions("-spnego"),
        GssClient.withOptions("-mcount", "3"),
        GssClient.withOptions("-spnego", "-nx", "-mcount", "2"),
        GssClient.withOptions("-nw", "-nm"),
        GssClient.withOptions("-spnego", "-seq", "-mcount", "3"))
        .map(client -> Arguments.of(acceptor, client)));
  }

  @ParameterizedTest(name = "{0} acceptor, gss-client {1}")
  @MethodSource("acceptorsAndClients")
  void gssClientWithAnAdTicket(AcceptorUnderTest acceptor, GssClient options) throws Exception {
    assumeTrue(acceptor.available(), acceptor::unavailableReason);
    try (GssAcceptor gss = GssAcceptor.open(acceptor, keytabSubject, null);
        GssSampleServer server = GssSampleServer.start(gss)) {
      ProcessResult client = options.call(dc, AD.ccache(), server.port(), "host", "ad message");
      AcceptorSession session = server.nextSession(WAIT);

      assertThat(session.failure()).isEmpty();
      assertThat(client.succeeded()).as(client.describe()).isTrue();
      assertThat(session.clientName()).contains(dc.qualify(USER));
      int count = options.messageCount();
      assertThat(session.messages()).hasSize(count).containsOnly("ad message");
      assertThat(session.wrappedMessages()).isEqualTo(options.wraps() ? count : 0);
      assertThat(session.encryptedMessages()).isEqualTo(options.encrypts() ? count : 0);
      assertThat(session.micsSent()).isEqualTo(options.wantsMic() ? count : 0);
      assertThat(GssClient.signaturesVerified(client)).isEqualTo(options.wantsMic() ? count : 0);
      assertThat(dc.klist(AD.ccache())).containsPattern("host/localhost@" + SambaDc.REALM
          + "\\n.*Etype \\(skey, tkt\\): aes256-cts-hmac-sha1-96, aes256-cts-hmac-sha1-96");
    }
  }

  /**
   * {@code kinit -E alice@samdom.test}: the client asks by its UPN as an enterprise name
   * (NT-ENTERPRISE, RFC 6806 §5); the AD KDC resolves it to the account and the acceptor sees the
   * client name the ticket carries.
   */
  @Test
  void enterpriseUpnLogon() throws Exception {
    Path upnCache = dc.kinit(USER + "@" + SambaDc.DNS_DOMAIN, SambaDcExtension.PASSWORD, "-E");
    try (GssAcceptor gss = GssAcceptor.open(AcceptorUnderTest.KRB5GSS, keytabSubject, null);
        GssSampleServer server = GssSampleServer.start(gss)) {
      ProcessResult client =
          GssClient.withOptions("-spnego").call(dc, upnCache, server.port(), "host", "upn");
      AcceptorSession session = server.nextSession(WAIT);

      assertThat(session.failure()).isEmpty();
      assertThat(client.succeeded()).as(client.describe()).isTrue();
      assertThat(session.clientName()).contains("alice\\@samdom.test@" + SambaDc.REALM);
      assertThat(GssClient.signaturesVerified(client)).isEqualTo(1);
    }
  }

  /**
   * The keytab was exported, then the account's password changed (AD raises the kvno): a new
   * ticket carries the new kvno, and krb5gss names both versions and says to re-export.
   */
  @Test
  void keytabStaleAfterAPasswordChange() throws Exception {
    dc.addServiceAccount(STALE_ACCOUNT, "St4lesvc-Pass!x", AdEnctypes.AES, "stale/localhost");
    Path keytab = dc.file("stale.keytab");
    dc.exportKeytab(keytab, "stale/localhost");
    int exported = dc.keyVersion(STALE_ACCOUNT);
    dc.setPassword(STALE_ACCOUNT, "St4lesvc-Pass!y");
    int current = dc.keyVersion(STALE_ACCOUNT);
    assertThat(current).isEqualTo(exported + 1);
    Path fresh = dc.kinit(USER, SambaDcExtension.PASSWORD);
    assertThat(dc.kvno(fresh, "stale/localhost")).isEqualTo(current);

    Subject stale = JaasLogins.acceptor(keytab, "*", true);
    try (GssAcceptor gss = GssAcceptor.open(AcceptorUnderTest.KRB5GSS, stale, null);
        GssSampleServer server = GssSampleServer.start(gss)) {
      ProcessResult client = GssClient.withOptions().call(dc, fresh, server.port(), "stale", "x");
      AcceptorSession session = server.nextSession(WAIT);

      assertThat(client.succeeded()).isFalse();
      assertThat(session.established()).isFalse();
      assertThat(session.requireFailure().logLine()).contains("KVNO_MISMATCH")
          .contains("has kvno " + current + " (aes256-cts-hmac-sha1-96), the keytab has kvno "
              + exported)
          .contains("the keytab is stale");
    }
  }
}
