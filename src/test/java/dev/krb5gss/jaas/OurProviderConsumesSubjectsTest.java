package dev.krb5gss.jaas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.Krb5GssProvider;
import dev.krb5gss.error.Reason;
import dev.krb5gss.testkit.JaasLogins;
import dev.krb5gss.testkit.JdkAcceptor;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import dev.krb5gss.testkit.KeytabFile;
import dev.krb5gss.testkit.LongTermKey;
import java.nio.file.Path;
import java.security.Security;
import java.util.List;
import java.util.Map;
import javax.security.auth.Subject;
import org.apache.kerby.kerberos.kerb.crypto.EncryptionHandler;
import org.apache.kerby.kerberos.kerb.request.KrbIdentity;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionType;
import org.ietf.jgss.GSSException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * krb5gss's provider, installed first, accepts with Subjects built by our login module (using its
 * AcceptorKeys credential) and by the JDK's Krb5LoginModule (using the KeyTab).
 */
@ExtendWith(KdcExtension.class)
class OurProviderConsumesSubjectsTest {
  private static TwoServiceRealm realm;

  @BeforeAll
  static void setUp(KdcPrincipals principals) throws Exception {
    realm = TwoServiceRealm.create(principals);
  }

  @BeforeEach
  void install() {
    assertThat(Krb5GssProvider.mechanismsAvailable()).isTrue();
    Krb5GssProvider.install();
    assertThat(Security.getProviders()[0]).isSameAs(Krb5GssProvider.instance());
  }

  @AfterEach
  void uninstall() {
    Krb5GssProvider.uninstall();
  }

  private static String establish(Subject service, Subject client, JdkInitiator.Options to)
      throws Exception {
    try (JdkInitiator init = to.start(client); JdkAcceptor acceptor = JdkAcceptor.create(service, null)) {
      return establish(acceptor, init);
    }
  }

  private static String establish(JdkAcceptor acceptor, JdkInitiator init) throws Exception {
    try (OurAcceptorLog log = new OurAcceptorLog()) {
      String peer = TwoServiceRealm.establish(acceptor, init);
      assertThat(log.establishedByKrb5gss()).as("accepted by krb5gss").isTrue();
      return peer;
    }
  }

  @Test
  void ourModulesSubjectKrb5AndSpnego() throws Exception {
    Subject service = OurLogin.subject(Map.of("keyTab", realm.keytabFile(),
        "principal", realm.web()));

    assertThat(establish(service, realm.alice(), realm.to("HTTP")))
        .isEqualTo(realm.aliceName());
    assertThat(establish(service, realm.alice(), realm.to("HTTP").spnego()))
        .isEqualTo(realm.aliceName());
  }

  @Test
  void theJdkKrb5LoginModulesSubject() throws Exception {
    Subject service = JaasLogins.acceptor(realm.keytab(), realm.web());

    assertThat(establish(service, realm.alice(), realm.to("HTTP").spnego()))
        .isEqualTo(realm.aliceName());
  }

  @Test
  void aListOfPrincipalsAcceptsEach() throws Exception {
    Subject service = OurLogin.subject(Map.of("keyTab", realm.keytabFile(),
        "principal", realm.web() + "," + realm.mail()));

    assertThat(establish(service, realm.alice(), realm.to("HTTP")))
        .isEqualTo(realm.aliceName());
    assertThat(establish(service, realm.alice(), realm.to("imap")))
        .isEqualTo(realm.aliceName());
  }

  @Test
  void theAllowlistRejectsWithOurReason() throws Exception {
    Subject service = OurLogin.subject(Map.of("keyTab", realm.keytabFile(), "principal", "*",
        "allowedPrincipals", "HTTP/*"));

    assertThat(establish(service, realm.alice(), realm.to("HTTP")))
        .isEqualTo(realm.aliceName());
    assertThatThrownBy(() -> establish(service, realm.alice(), realm.to("imap")))
        .isInstanceOf(GSSException.class)
        .satisfies(e -> assertThat(((GSSException) e).getMinor())
            .isEqualTo(Reason.SERVICE_NOT_IN_KEYTAB.minorCode()));
  }

  @Test
  void aReplacedKeytabStillAcceptsTheTicketIssuedBeforeTheRotation() throws Exception {
    KdcPrincipals names = realm.names();
    String service = names.addService("rot");
    Path file = names.keytab(service);
    Subject acceptor = OurLogin.subject(Map.of("keyTab", file.toString(), "principal", service,
        "reloadInterval", "0"));
    Subject carol = names.kdc().login(names.addUser("carol", "carol-pw"), "carol-pw");
    try (JdkInitiator before = realm.to("rot").start(carol)) {
      KeytabFile.write(file, rotate(service, 2));   // only kvno 2 in the file now
      Subject dave = names.kdc().login(names.addUser("dave", "dave-pw"), "dave-pw");

      try (JdkAcceptor jdk = JdkAcceptor.create(acceptor, null)) {
        assertThat(establish(jdk, before)).isEqualTo(names.user("carol"));
      }
      assertThat(establish(acceptor, dave, realm.to("rot")))
          .isEqualTo(names.user("dave"));
    }
  }

  private static List<LongTermKey> rotate(String service, int kvno) throws Exception {
    KrbIdentity id = realm.names().kdc().kerby().getIdentityService().getIdentity(service);
    List<LongTermKey> keys = new java.util.ArrayList<>();
    for (EncryptionType type : new java.util.ArrayList<>(id.getKeys().keySet())) {
      EncryptionKey key = EncryptionHandler.random2Key(type);
      key.setKvno(kvno);
      id.addKey(key);
      keys.add(new LongTermKey(service, dev.krb5gss.testkit.AesEnctype.of(type.getValue()), kvno, key.getKeyData()));
    }
    id.setKeyVersion(kvno);
    realm.names().kdc().kerby().getIdentityService().updateIdentity(id);
    return keys;
  }
}
