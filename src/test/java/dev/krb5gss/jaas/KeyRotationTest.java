package dev.krb5gss.jaas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.crypto.CryptoProfiles;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.keytab.AcceptorKeys;
import dev.krb5gss.keytab.ServiceKey;
import dev.krb5gss.keytab.ServiceKeyTable;
import dev.krb5gss.name.PrincipalName;
import dev.krb5gss.testkit.AesEnctype;
import dev.krb5gss.testkit.JdkAcceptor;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import dev.krb5gss.testkit.KeytabFile;
import dev.krb5gss.testkit.LongTermKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosTicket;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.crypto.EncryptionHandler;
import org.apache.kerby.kerberos.kerb.request.KrbIdentity;
import org.apache.kerby.kerberos.kerb.type.base.EncryptedData;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionType;
import org.apache.kerby.kerberos.kerb.type.ticket.EncTicketPart;
import org.apache.kerby.kerberos.kerb.type.ticket.Ticket;
import org.ietf.jgss.GSSException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A service key rotated to kvno + 1 on the KDC while a ticket under the old kvno is in flight:
 * after re-exporting the keytab, the old ticket and a new one both verify, without a new login.
 */
@ExtendWith(KdcExtension.class)
class KeyRotationTest {
  /** RFC 4120 §7.5.1 key usage 2: the ticket's enc-part. */
  private static final int TICKET_USAGE = 2;

  @Test
  void appendedKeytabOldAndNewTicketsVerifyWithTheJdkAcceptorAndOurKeys(KdcPrincipals names)
      throws Exception {
    String service = names.addService("rotA");
    Path keytab = names.keytab(service);
    Subject acceptor = OurLogin.subject(Map.of("keyTab", keytab.toString(), "principal", service,
        "reloadInterval", "0"));
    Flight a = Flight.start(names, "alice", "rotA");
    assertThat(a.ticketKvno()).isEqualTo(1);

    List<LongTermKey> next = rotate(names, service, 2);
    List<LongTermKey> both = new ArrayList<>(names.kdc().serviceKeys(service));
    both.addAll(next);
    KeytabFile.write(keytab, both);   // as "kadmin ktadd" does: the new kvno appended
    Flight b = Flight.start(names, "bob", "rotA");
    assertThat(b.ticketKvno()).isEqualTo(2);

    assertThat(a.acceptWithJdk(acceptor)).isEqualTo(a.user);
    assertThat(b.acceptWithJdk(acceptor)).isEqualTo(b.user);
    ServiceKeyTable keys = AcceptorKeys.in(acceptor).get(0).keySource().current();
    assertThat(a.decryptTicket(keys)).isEqualTo(a.user);
    assertThat(b.decryptTicket(keys)).isEqualTo(b.user);
  }

  @Test
  void replacedKeytabOurKeysStillVerifyTheOldTicketWhereTheJdkCannot(KdcPrincipals names)
      throws Exception {
    String service = names.addService("rotB");
    Path keytab = names.keytab(service);
    Subject acceptor = OurLogin.subject(Map.of("keyTab", keytab.toString(), "principal", service,
        "reloadInterval", "0"));
    Flight a = Flight.start(names, "carol", "rotB");

    KeytabFile.write(keytab, rotate(names, service, 2));   // a fresh file with only kvno 2
    Flight b = Flight.start(names, "dave", "rotB");

    ServiceKeyTable keys = AcceptorKeys.in(acceptor).get(0).keySource().current();
    assertThat(keys.keysFor(PrincipalName.parse(service, null))).extracting(ServiceKey::kvno)
        .containsOnly(1, 2);
    assertThat(a.decryptTicket(keys)).isEqualTo(a.user);
    assertThat(b.decryptTicket(keys)).isEqualTo(b.user);
    assertThat(b.acceptWithJdk(acceptor)).isEqualTo(b.user);
    assertThatThrownBy(() -> a.acceptWithJdk(acceptor)).isInstanceOf(GSSException.class);
  }

  /** Gives {@code service} new random keys of the same enctypes under {@code kvno} in the KDC. */
  private static List<LongTermKey> rotate(KdcPrincipals names, String service,
      int kvno) throws Exception {
    KrbIdentity id = names.kdc().kerby().getIdentityService().getIdentity(service);
    List<LongTermKey> keys = new ArrayList<>();
    for (EncryptionType type : new ArrayList<>(id.getKeys().keySet())) {
      EncryptionKey key = EncryptionHandler.random2Key(type);
      key.setKvno(kvno);
      id.addKey(key);
      keys.add(new LongTermKey(service, AesEnctype.of(type.getValue()), kvno,
          key.getKeyData()));
    }
    id.setKeyVersion(kvno);
    names.kdc().kerby().getIdentityService().updateIdentity(id);
    return keys;
  }

  /** A client's first token to a service, its ticket in flight. */
  private static final class Flight {
    final String user;
    final String service;
    final byte[] token;
    final Subject client;

    private Flight(String user, String service, byte[] token, Subject client) {
      this.user = user;
      this.service = service;
      this.token = token;
      this.client = client;
    }

    static Flight start(KdcPrincipals names, String user, String service) throws Exception {
      String principal = names.addUser(user, user + "-pw");
      Subject client = names.kdc().login(principal, user + "-pw");
      try (JdkInitiator init = JdkInitiator.to(names.hostbased(service)).start(client)) {
        return new Flight(principal, names.service(service), init.firstToken(), client);
      }
    }

    EncryptedData ticketPart() throws Exception {
      KerberosTicket t = client.getPrivateCredentials(KerberosTicket.class).stream()
          .filter(k -> k.getServer().getName().equals(service)).findFirst().orElseThrow();
      return KrbCodec.decode(t.getEncoded(), Ticket.class).getEncryptedEncPart();
    }

    int ticketKvno() throws Exception {
      return ticketPart().getKvno();
    }

    String acceptWithJdk(Subject acceptor) throws Exception {
      try (JdkAcceptor jdk = JdkAcceptor.create(acceptor, null)) {
        jdk.accept(token);
        return jdk.peerName();
      }
    }

    /** Selects the key by the ticket's kvno and etype, decrypts the ticket, returns its client. */
    String decryptTicket(ServiceKeyTable keys) throws Exception {
      EncryptedData part = ticketPart();
      EncType etype = EncType.of(part.getEType().getValue());
      ServiceKey key = keys.select(PrincipalName.parse(service, null), part.getKvno(), etype);
      byte[] cipher = part.getCipher();
      byte[] plain = CryptoProfiles.of(etype).orElseThrow()
          .decrypt(key.cipherKey(), TICKET_USAGE, cipher, 0, cipher.length);
      EncTicketPart enc = KrbCodec.decode(plain, EncTicketPart.class);
      return enc.getCname().getName() + "@" + enc.getCrealm();
    }
  }
}
