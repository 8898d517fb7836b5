package dev.krb5gss.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.Krb5GssProvider;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedGssException;
import dev.krb5gss.testkit.GssOids;
import dev.krb5gss.testkit.JaasLogins;
import dev.krb5gss.testkit.JdkAcceptor;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import dev.krb5gss.testkit.Subjects;
import java.security.Security;
import javax.security.auth.Subject;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import sun.security.jgss.GSSCredentialImpl;

/** With krb5gss first in the list, every request to initiate is served by the JDK's mechanisms. */
@ExtendWith(KdcExtension.class)
class InitiatorRoutingTest {

  @BeforeAll
  static void install() {
    Krb5GssProvider.install();
  }

  @AfterAll
  static void uninstall() {
    Krb5GssProvider.uninstall();
  }

  @Test
  void initiateCredentialsComeFromTheJdk(KdcPrincipals names) throws Exception {
    String user = names.addUser("dave", "pw");
    Subject dave = names.kdc().login(user, "pw");
    for (Oid mech : new Oid[] {GssOids.KRB5, GssOids.SPNEGO}) {
      GSSCredential cred = Subjects.callAs(dave, () -> GSSManager.getInstance()
          .createCredential(null, GSSCredential.DEFAULT_LIFETIME, mech,
              GSSCredential.INITIATE_ONLY));
      assertThat(((GSSCredentialImpl) cred).getElement(mech, true).getProvider().getName())
          .isEqualTo("SunJGSS");
      assertThat(cred.getName().toString()).isEqualTo(user);
    }
  }

  @Test
  void aJdkAcceptorInTheSameJvmStillWorksWhenAskedForExplicitly(KdcPrincipals names)
      throws Exception {
    String service = names.addService("jdkside");
    String user = names.addUser("erin", "pw");
    try (JdkInitiator init = JdkInitiator.to(names.hostbased("jdkside"))
        .start(names.kdc().login(user, "pw"))) {
      Subject svc = JaasLogins.acceptor(names.keytab(service), service);
      GSSContext jdk = Subjects.callAs(svc, () -> {
        GSSManager m = GSSManager.getInstance();
        m.addProviderAtFront(Security.getProvider("SunJGSS"), GssOids.KRB5);
        return m.createContext((GSSCredential) null);
      });
      byte[] token = init.firstToken();
      init.complete(Subjects.callAs(svc, () -> jdk.acceptSecContext(token, 0, token.length)));
      assertThat(jdk.isEstablished()).isTrue();
      assertThat(jdk.getSrcName().toString()).isEqualTo(user);
    }
  }

  @Test
  void theJdkAcceptorKitStillTalksToTheJdkInitiatorWhenWeAreUninstalled(KdcPrincipals names)
      throws Exception {
    Krb5GssProvider.uninstall();
    try {
      String service = names.addService("plain");
      String user = names.addUser("frank", "pw");
      try (JdkInitiator init = JdkInitiator.to(names.hostbased("plain")).spnego()
          .start(names.kdc().login(user, "pw"));
          JdkAcceptor acceptor = JdkAcceptor.fromKeytab(names.keytab(service), service)) {
        init.complete(acceptor.accept(init.firstToken()));
        assertThat(acceptor.isEstablished()).isTrue();
      }
    } finally {
      Krb5GssProvider.install();
    }
  }

  @Test
  void theMicrosoftOidHasNoInitiator(KdcPrincipals names) throws Exception {
    String user = names.addUser("gina", "pw");
    Subject gina = names.kdc().login(user, "pw");
    Oid ms = new Oid(Krb5GssProvider.MS_KRB5_OID);
    assertThatThrownBy(() -> Subjects.callAs(gina, () -> {
      GSSManager m = GSSManager.getInstance();
      return m.createContext(m.createName("HTTP@x", GSSName.NT_HOSTBASED_SERVICE), ms, null,
          GSSContext.DEFAULT_LIFETIME).initSecContext(new byte[0], 0, 0);
    })).isInstanceOfSatisfying(GSSException.class,
        e -> assertThat(e.getMajor()).isEqualTo(GSSException.BAD_MECH));
  }

  @Test
  void acceptorCredentialsCannotInitiate(KdcPrincipals names) throws Exception {
    String service = names.addService("noinit");
    Subject svc = JaasLogins.acceptor(names.keytab(service), service);
    assertThatThrownBy(() -> Subjects.callAs(svc, () -> {
      GSSManager m = GSSManager.getInstance();
      GSSCredential acceptOnly = m.createCredential(null, GSSCredential.INDEFINITE_LIFETIME,
          GssOids.KRB5, GSSCredential.ACCEPT_ONLY);
      return m.createContext(m.createName("HTTP@x", GSSName.NT_HOSTBASED_SERVICE),
          GssOids.KRB5, acceptOnly, GSSContext.DEFAULT_LIFETIME).initSecContext(new byte[0], 0, 0);
    })).isInstanceOfSatisfying(GSSException.class,
        e -> assertThat(e.getMajor()).isEqualTo(GSSException.NO_CRED));
  }

  @Test
  void anAcquisitionWithoutKeysExplainsItself() {
    assertThatThrownBy(() -> AcceptorCredentials.acquire(
        sun.security.jgss.GSSCaller.CALLER_ACCEPT, GssOids.KRB5, null))
        .isInstanceOfSatisfying(RejectedGssException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NO_CREDENTIALS));
  }
}
