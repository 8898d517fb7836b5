package dev.krb5gss.interop;

import dev.krb5gss.testkit.JaasLogins;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import javax.security.auth.Subject;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Key rotation while the acceptor runs (RFC 4120 §5.3, key version numbers): MIT's ktadd appends
 * the next kvno to the keytab the running acceptor uses; a ticket issued before the rotation (old
 * kvno, still in the keytab) and one issued after (new kvno) are both accepted. The keytab also
 * holds other principals and enctypes, as one written by several ktadd runs does.
 */
@RequiresMitKrb5
class KeytabRotationInteropTest {
  private static final String USER = "carol";
  private static final String PASSWORD = "carol-password";

  /** Each test adds its own services and keytab. */
  @RegisterExtension
  static final MitRealm REALM = MitRealm.user(USER, PASSWORD);

  @ParameterizedTest(name = "{0}")
  @EnumSource(AcceptorUnderTest.class)
  void ticketsBeforeAndAfterKtaddAreBothAccepted(AcceptorUnderTest acceptor) throws Exception {
    assumeTrue(acceptor.available(), acceptor::unavailableReason);
    MitKdc kdc = REALM.kdc();
    String service = "rotate-" + acceptor.name().toLowerCase(java.util.Locale.ROOT);
    String principal = service + "/localhost";
    Path keytab = kdc.file(service + ".keytab");
    kdc.addService(principal, MitEnctypes.AES_SHA1);
    kdc.addService(service + "-sha2/localhost", MitEnctypes.AES_SHA2);
    kdc.keytabs().ktadd(keytab, MitEnctypes.AES_SHA1, principal);
    kdc.keytabs().ktadd(keytab, MitEnctypes.AES_SHA2, service + "-sha2/localhost");
    int before = kdc.currentKvno(principal);
    Subject subject = JaasLogins.acceptor(keytab, "*", true);

    try (GssAcceptor gss = GssAcceptor.open(acceptor, subject, null);
        GssSampleServer server = GssSampleServer.start(gss)) {
      Path earlyCache = kdc.kinit(USER, PASSWORD);
      assertThat(kdc.kvno(earlyCache, principal)).isEqualTo(before);
      assertAccepted(server, earlyCache, service);

      kdc.keytabs().ktadd(keytab, MitEnctypes.AES_SHA1, principal);
      int after = kdc.currentKvno(principal);
      assertThat(after).isEqualTo(before + 1);
      assertThat(kdc.keytabs().entries(keytab)).contains(
          new KeytabEntry(kdc.qualify(principal), before, "aes256-cts-hmac-sha1-96"),
          new KeytabEntry(kdc.qualify(principal), after, "aes256-cts-hmac-sha1-96"),
          new KeytabEntry(kdc.qualify(principal), after, "aes128-cts-hmac-sha1-96"),
          new KeytabEntry(kdc.qualify(service + "-sha2/localhost"), before,
              "aes256-cts-hmac-sha384-192"));

      assertThat(kdc.kvno(earlyCache, principal)).as("cached ticket").isEqualTo(before);
      assertAccepted(server, earlyCache, service);

      Path lateCache = kdc.kinit(USER, PASSWORD);
      assertThat(kdc.kvno(lateCache, principal)).isEqualTo(after);
      assertAccepted(server, lateCache, service);

      assertAccepted(server, lateCache, service + "-sha2");
    }
  }

  private static void assertAccepted(GssSampleServer server, Path ccache, String service)
      throws Exception {
    MitKdc kdc = REALM.kdc();
    ProcessResult client = GssClient.withOptions().call(kdc, ccache, server.port(), service, "hi");
    AcceptorSession session = server.nextSession(MitRealm.WAIT);
    assertThat(session.failure()).isEmpty();
    assertThat(session.clientName()).contains(kdc.qualify(USER));
    assertThat(client.succeeded()).as(client.describe()).isTrue();
    assertThat(GssClient.signaturesVerified(client)).isEqualTo(1);
  }
}
