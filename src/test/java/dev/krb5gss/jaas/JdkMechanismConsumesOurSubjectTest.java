package dev.krb5gss.jaas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.testkit.JdkAcceptor;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import java.util.Map;
import javax.security.auth.Subject;
import org.ietf.jgss.GSSException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The JDK's own Kerberos and SPNEGO acceptor (sun.security.jgss) establishes contexts with the
 * Subject our module built: the module is a drop-in for Krb5LoginModule.
 */
@ExtendWith(KdcExtension.class)
class JdkMechanismConsumesOurSubjectTest {
  private static TwoServiceRealm realm;

  @BeforeAll
  static void setUp(KdcPrincipals principals) throws Exception {
    realm = TwoServiceRealm.create(principals);
  }

  private String establish(Subject service, JdkInitiator.Options to) throws Exception {
    try (JdkInitiator init = to.start(realm.alice());
        JdkAcceptor acceptor = JdkAcceptor.create(service, null)) {
      return TwoServiceRealm.establish(acceptor, init);
    }
  }

  @Test
  void boundPrincipalKrb5() throws Exception {
    Subject service = OurLogin.subject(Map.of("keyTab", realm.keytabFile(),
        "principal", realm.web()));

    assertThat(establish(service, realm.to("HTTP"))).isEqualTo(realm.aliceName());
  }

  @Test
  void boundPrincipalSpnego() throws Exception {
    Subject service = OurLogin.subject(Map.of("keyTab", realm.keytabFile(),
        "principal", realm.web(),
        "isInitiator", "false", "useKeyTab", "true", "storeKey", "true"));

    assertThat(establish(service, realm.to("HTTP").spnego()))
        .isEqualTo(realm.aliceName());
  }

  @Test
  void unboundAcceptsEveryPrincipalOfTheKeytab() throws Exception {
    Subject service = OurLogin.subject(Map.of("keyTab", realm.keytabFile(), "principal", "*"));

    assertThat(establish(service, realm.to("HTTP"))).isEqualTo(realm.aliceName());
    assertThat(establish(service, realm.to("imap"))).isEqualTo(realm.aliceName());
  }

  @Test
  void aListAcceptsEachListedPrincipal() throws Exception {
    Subject service = OurLogin.subject(Map.of("keyTab", "file:" + realm.keytab(),
        "principal", realm.web() + "," + realm.mail()));

    assertThat(establish(service, realm.to("HTTP"))).isEqualTo(realm.aliceName());
    assertThat(establish(service, realm.to("imap"))).isEqualTo(realm.aliceName());
  }

  @Test
  void theAllowlistIsEnforcedByTheJdkMechanismToo() throws Exception {
    Subject service = OurLogin.subject(Map.of("keyTab", realm.keytabFile(), "principal", "*",
        "allowedPrincipals", "HTTP/*"));

    assertThat(establish(service, realm.to("HTTP"))).isEqualTo(realm.aliceName());
    // The Subject holds no key for imap: the JDK falls back to HTTP's keys, which fail the
    // ticket's integrity check ("Checksum failed"): the ticket is refused either way.
    assertThatThrownBy(() -> establish(service, realm.to("imap")))
        .isInstanceOf(GSSException.class);
  }
}
