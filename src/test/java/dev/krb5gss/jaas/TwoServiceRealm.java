package dev.krb5gss.jaas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.testkit.JdkAcceptor;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcPrincipals;
import java.nio.file.Path;
import javax.security.auth.Subject;

/**
 * The realm the Subject-consumption tests share: two services (HTTP and imap) in one keytab and a
 * client, alice, logged in with her password (RFC 4120 §3.1 AS exchange against the test kit's
 * KDC); and the one-token exchange (RFC 4121 §4.1 AP-REQ, AP-REP when mutual) they run against an
 * acceptor.
 */
record TwoServiceRealm(KdcPrincipals names, String web, String mail, Path keytab,
    String aliceName, Subject alice) {

  /** Adds the services and the user to the class's KDC. */
  static TwoServiceRealm create(KdcPrincipals names) throws Exception {
    String web = names.addService("HTTP");
    String mail = names.addService("imap");
    Path keytab = names.keytab(web, mail);
    String aliceName = names.addUser("alice", "alice-pw");
    return new TwoServiceRealm(names, web, mail, keytab, aliceName,
        names.kdc().login(aliceName, "alice-pw"));
  }

  /** The keytab file name, for the login modules' {@code keyTab} option. */
  String keytabFile() {
    return keytab.toString();
  }

  /** Alice's initiator to the host-based service {@code service}. */
  JdkInitiator.Options to(String service) {
    return JdkInitiator.to(names.hostbased(service));
  }

  /**
   * Runs the initiator's first token through the acceptor, and the acceptor's reply (if any)
   * back: both must be established. Returns the acceptor's view of the client's name.
   */
  static String establish(JdkAcceptor acceptor, JdkInitiator init) throws Exception {
    byte[] reply = acceptor.accept(init.firstToken());
    if (reply != null && !init.isEstablished()) {
      init.complete(reply);
    }
    assertThat(acceptor.isEstablished()).isTrue();
    assertThat(init.isEstablished()).isTrue();
    return acceptor.peerName();
  }
}
