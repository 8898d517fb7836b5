package dev.krb5gss.jaas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.testkit.JdkAcceptor;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import java.nio.file.Path;
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
  private static KdcPrincipals names;
  private static String web;
  private static String mail;
  private static Path keytab;
  private static Subject alice;
  private static String aliceName;

  @BeforeAll
  static void setUp(KdcPrincipals principals) throws Exception {
    names = principals;
    web = names.addService("HTTP");
    mail = names.addService("imap");
    keytab = names.keytab(web, mail);
    aliceName = names.addUser("alice", "alice-pw");
    alice = names.kdc().login(aliceName, "alice-pw");
  }

  private String establish(Subject service, JdkInitiator.Options to) throws Exception {
    try (JdkInitiator init = to.start(alice); JdkAcceptor acceptor = JdkAcceptor.create(service, null)) {
      byte[] reply = acceptor.accept(init.firstToken());
      if (reply != null) {
        init.complete(reply);
      }
      assertThat(acceptor.isEstablished()).isTrue();
      assertThat(init.isEstablished()).isTrue();
      return acceptor.peerName();
    }
  }

  @Test
  void boundPrincipalKrb5() throws Exception {
    Subject service = OurLogin.subject(Map.of("keyTab", keytab.toString(), "principal", web));

    assertThat(establish(service, JdkInitiator.to(names.hostbased("HTTP")))).isEqualTo(aliceName);
  }

  @Test
  void boundPrincipalSpnego() throws Exception {
    Subject service = OurLogin.subject(Map.of("keyTab", keytab.toString(), "principal", web,
        "isInitiator", "false", "useKeyTab", "true", "storeKey", "true"));

    assertThat(establish(service, JdkInitiator.to(names.hostbased("HTTP")).spnego()))
        .isEqualTo(aliceName);
  }

  @Test
  void unboundAcceptsEveryPrincipalOfTheKeytab() throws Exception {
    Subject service = OurLogin.subject(Map.of("keyTab", keytab.toString(), "principal", "*"));

    assertThat(establish(service, JdkInitiator.to(names.hostbased("HTTP")))).isEqualTo(aliceName);
    assertThat(establish(service, JdkInitiator.to(names.hostbased("imap")))).isEqualTo(aliceName);
  }

  @Test
  void aListAcceptsEachListedPrincipal() throws Exception {
    Subject service = OurLogin.subject(Map.of("keyTab", "file:" + keytab,
        "principal", web + "," + mail));

    assertThat(establish(service, JdkInitiator.to(names.hostbased("HTTP")))).isEqualTo(aliceName);
    assertThat(establish(service, JdkInitiator.to(names.hostbased("imap")))).isEqualTo(aliceName);
  }

  @Test
  void theAllowlistIsEnforcedByTheJdkMechanismToo() throws Exception {
    Subject service = OurLogin.subject(Map.of("keyTab", keytab.toString(), "principal", "*",
        "allowedPrincipals", "HTTP/*"));

    assertThat(establish(service, JdkInitiator.to(names.hostbased("HTTP")))).isEqualTo(aliceName);
    // The Subject holds no key for imap: the JDK falls back to HTTP's keys, which fail the
    // ticket's integrity check ("Checksum failed"): the ticket is refused either way.
    assertThatThrownBy(() -> establish(service, JdkInitiator.to(names.hostbased("imap"))))
        .isInstanceOf(GSSException.class);
  }
}
