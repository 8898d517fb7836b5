package dev.krb5gss.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.security.auth.Subject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rc4-hmac opt-in (RFC 4757; deprecated by RFC 8429): with rc4 explicitly allowed in
 * krb5.conf ({@code allow_weak_crypto = true}, {@code permitted_enctypes} listing arcfour-hmac),
 * a ticket for a service that only has an rc4 key is accepted. {@link RejectionInteropTest}
 * covers the default, where the same ticket is refused.
 */
@RequiresMitKrb5
class Rc4OptInInteropTest {
  private static final String USER = "erin";
  private static final String PASSWORD = "erin-password";
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static MitKdc kdc;
  private static Path ccache;
  private static Subject keytabSubject;

  @BeforeAll
  static void startKdc() throws Exception {
    kdc = MitKdc.start(List.of("allow_weak_crypto = true"));
    kdc.configureThisJvm();
    kdc.addUser(USER, PASSWORD, MitEnctypes.AES_SHA1);
    kdc.addService("rc4/localhost", MitEnctypes.RC4);
    Path keytab = kdc.file("rc4.keytab");
    kdc.keytabs().exportKeys(keytab, "rc4/localhost");
    ccache = kdc.kinit(USER, PASSWORD);
    keytabSubject = KeytabLogin.acceptor(keytab, "*");
  }

  @AfterAll
  static void stopKdc() throws Exception {
    if (kdc != null) {
      kdc.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(AcceptorUnderTest.class)
  void rc4TicketIsAcceptedWhenRc4IsOptedIn(AcceptorUnderTest acceptor) throws Exception {
    assumeTrue(acceptor.available(), acceptor::unavailableReason);
    try (GssAcceptor gss = GssAcceptor.open(acceptor, keytabSubject, null);
        GssSampleServer server = GssSampleServer.start(gss)) {
      ProcessResult client = GssClient.withOptions().call(kdc, ccache, server.port(), "rc4", "hi");
      AcceptorSession session = server.nextSession(WAIT);

      assertThat(session.failure()).isEmpty();
      assertThat(session.clientName()).contains(kdc.qualify(USER));
      assertThat(client.succeeded()).as(client.describe()).isTrue();
      assertThat(GssClient.signaturesVerified(client)).isEqualTo(1);
      assertThat(kdc.klist(ccache)).containsPattern(
          "rc4/localhost@" + kdc.realm() + "\\n.*Etype \\(skey, tkt\\): [^,]+, \\S*arcfour-hmac");
    }
  }
}
