package dev.krb5gss.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.ap.ApAcceptor;
import dev.krb5gss.ap.ApEstablished;
import dev.krb5gss.ap.ApPolicy;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.keytab.KeytabCache;
import dev.krb5gss.testkit.JaasLogins;
import dev.krb5gss.testkit.JdkInitiator;
import java.nio.file.Path;
import java.util.HexFormat;
import javax.security.auth.Subject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MIT krb5 1.20+ KDCs put a PAC in every ticket: PAC_CLIENT_INFO and signatures, no
 * KERB_VALIDATION_INFO (no Windows identity). A real MIT ticket's PAC must be verified (server
 * signature under the service key, client info) and then yield no {@code Pac}, so MIT realms keep
 * working; an acceptor that requires an AD PAC refuses it with PAC_REQUIRED.
 */
@RequiresMitKrb5
class MitMinimalPacInteropTest {
  private static final String USER = "dora";
  private static final String PASSWORD = "dora-password";
  /** DER of ad-type 128 (AD-WIN2K-PAC) inside an AuthorizationData entry: [0] INTEGER 0x0080. */
  private static final String AD_WIN2K_PAC_TYPE = "a00402020080";

  private static MitKdc kdc;
  private static Path keytab;
  private static String service;

  @BeforeAll
  static void startKdc() throws Exception {
    kdc = MitKdc.start();
    kdc.configureThisJvm();
    kdc.addUser(USER, PASSWORD, MitEnctypes.AES_SHA1);
    service = "pacmit/localhost";
    kdc.addService(service, MitEnctypes.AES_SHA1);
    keytab = kdc.file("pacmit.keytab");
    kdc.keytabs().ktadd(keytab, MitEnctypes.AES_SHA1, service);
  }

  @AfterAll
  static void stopKdc() throws Exception {
    if (kdc != null) {
      kdc.close();
    }
  }

  private static Subject client() throws Exception {
    return JaasLogins.initiatorFromCache(kdc.qualify(USER), kdc.kinit(USER, PASSWORD));
  }

  @Test
  void mitsPacIsVerifiedButCarriesNoWindowsIdentity() throws Exception {
    ApAcceptor acceptor = new ApAcceptor(KeytabCache.load(keytab), ApPolicy.defaults());
    try (JdkInitiator init = JdkInitiator.toPrincipal(kdc.qualify(service)).start(client())) {
      ApEstablished est = acceptor.accept(init.firstToken(), null);

      assertThat(HexFormat.of().formatHex(est.authorizationData()))
          .as("MIT's KDC put an AD-WIN2K-PAC in the ticket").contains(AD_WIN2K_PAC_TYPE);
      assertThat(est.pac()).isEmpty();
      assertThat(est.client().toString()).isEqualTo(kdc.qualify(USER));
    }
  }

  @Test
  void anAcceptorRequiringAnAdPacRefusesIt() throws Exception {
    ApAcceptor strict = new ApAcceptor(KeytabCache.load(keytab),
        ApPolicy.builder().requirePac(true).build());
    try (JdkInitiator init = JdkInitiator.toPrincipal(kdc.qualify(service)).start(client())) {
      byte[] token = init.firstToken();

      assertThatThrownBy(() -> strict.accept(token, null)).isInstanceOfSatisfying(
          RejectedException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.PAC_REQUIRED);
            assertThat(e.getMessage()).contains("MIT krb5 1.20+");
          });
    }
  }
}
