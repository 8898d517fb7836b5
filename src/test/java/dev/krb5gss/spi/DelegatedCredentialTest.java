package dev.krb5gss.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.Krb5GssProvider;
import dev.krb5gss.der.DerWriter;
import dev.krb5gss.testkit.AesEnctype;
import dev.krb5gss.testkit.ForgeCrypto;
import dev.krb5gss.testkit.ForgedTicket;
import dev.krb5gss.testkit.GssChecksum;
import dev.krb5gss.testkit.GssOids;
import dev.krb5gss.testkit.JaasLogins;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import dev.krb5gss.testkit.SessionKey;
import dev.krb5gss.testkit.TicketForge;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosTicket;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A forwarded TGT (RFC 4121 §4.1.1 Deleg, a KRB-CRED per RFC 4120 §5.8) becomes a GSSCredential
 * that initiates as the client through the real KDC. The JDK initiator cannot produce the
 * delegation against the Kerby KDC (Kerby omits the FORWARDED flag in its reply and the JDK
 * rejects it, KRB_AP_ERR_MODIFIED), so the client's real TGT from a real AS exchange is forwarded
 * in an AP-REQ built with the test kit's forge, encrypted as the JDK and MIT do (usage 14).
 */
@ExtendWith(KdcExtension.class)
class DelegatedCredentialTest {
  private static final DateTimeFormatter KERBEROS_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

  @BeforeAll
  static void install() {
    Krb5GssProvider.install();
  }

  @AfterAll
  static void uninstall() {
    Krb5GssProvider.uninstall();
  }

  @Test
  void aForwardedTgtInitiatesAsTheClientToAnotherService(KdcPrincipals names) throws Exception {
    String front = names.addService("front");
    String back = names.addService("back");
    String user = names.addUser("carol", "pw");
    Subject carol = names.kdc().login(user, "pw");
    KerberosTicket tgt = carol.getPrivateCredentials(KerberosTicket.class).iterator().next();

    TicketForge forge = TicketForge.forService(
        names.kdc().serviceKey(front, AesEnctype.AES256_CTS_HMAC_SHA1_96));
    ForgedTicket ticket = forge.ticket().client(user).build();
    byte[] krbCred = krbCred(tgt, ticket.sessionKey());
    byte[] token = forge.apReq(ticket).checksum(GssChecksum.builder().delegation(krbCred))
        .build().gssToken();

    GssServer frontServer = GssServer.create(JaasLogins.acceptor(names.keytab(front), front));
    frontServer.accept(token);
    assertThat(frontServer.context.isEstablished()).isTrue();
    assertThat(frontServer.context.getCredDelegState()).isTrue();
    GSSCredential delegated = frontServer.context.getDelegCred();

    assertThat(delegated.getName().toString()).isEqualTo(user);
    assertThat(delegated.getUsage()).isEqualTo(GSSCredential.INITIATE_ONLY);
    GSSManager m = GSSManager.getInstance();
    GSSContext onward = m.createContext(
        m.createName(names.hostbased("back"), GSSName.NT_HOSTBASED_SERVICE), GssOids.KRB5,
        delegated, GSSContext.DEFAULT_LIFETIME);
    onward.requestMutualAuth(true);
    byte[] apReq = onward.initSecContext(new byte[0], 0, 0);
    GssServer backServer = GssServer.create(JaasLogins.acceptor(names.keytab(back), back));
    byte[] rep = backServer.accept(apReq);
    assertThat(rep).isNotNull();
    onward.initSecContext(rep, 0, rep.length);

    assertThat(onward.isEstablished()).isTrue();
    assertThat(backServer.context.getSrcName().toString()).isEqualTo(user);
  }

  @Test
  void withoutDelegationThereIsNoDelegatedCredential(KdcPrincipals names) throws Exception {
    String front = names.addService("nodeleg");
    TicketForge forge = TicketForge.forService(
        names.kdc().serviceKey(front, AesEnctype.AES256_CTS_HMAC_SHA1_96));
    GssServer server = GssServer.create(JaasLogins.acceptor(names.keytab(front), front));
    server.accept(forge.apReq().build().gssToken());

    assertThat(server.context.getCredDelegState()).isFalse();
    assertThat(server.context.getDelegCred()).isNull();
  }

  /** KRB-CRED (RFC 4120 §5.8.1) carrying {@code tgt}, enc-part in {@code key}, usage 14. */
  static byte[] krbCred(KerberosTicket tgt, SessionKey key) {
    byte[] info = DerWriter.sequence(
        DerWriter.explicit(0, DerWriter.sequence(
            DerWriter.explicit(0, integer(tgt.getSessionKeyType())),
            DerWriter.explicit(1, DerWriter.octetString(tgt.getSessionKey().getEncoded())))),
        DerWriter.explicit(1, string(tgt.getClient().getRealm())),
        DerWriter.explicit(2, principal(1, tgt.getClient().getName().split("@")[0])),
        DerWriter.explicit(3, flags(tgt.getFlags())),
        DerWriter.explicit(4, time(tgt.getAuthTime().toInstant())),
        DerWriter.explicit(5, time(tgt.getStartTime().toInstant())),
        DerWriter.explicit(6, time(tgt.getEndTime().toInstant())),
        DerWriter.explicit(8, string(tgt.getServer().getRealm())),
        DerWriter.explicit(9, principal(2, tgt.getServer().getName().split("@")[0])));
    byte[] encPart = DerWriter.element(0x7d, DerWriter.sequence(
        DerWriter.explicit(0, DerWriter.sequence(info))));
    byte[] cipher = ForgeCrypto.kerby().encrypt(key.enctype(), key.keyBytes(), 14, encPart);
    return DerWriter.element(0x76, DerWriter.sequence(
        DerWriter.explicit(0, integer(5)),
        DerWriter.explicit(1, integer(22)),
        DerWriter.explicit(2, DerWriter.sequence(tgt.getEncoded())),
        DerWriter.explicit(3, DerWriter.sequence(
            DerWriter.explicit(0, integer(key.enctype().id())),
            DerWriter.explicit(2, DerWriter.octetString(cipher))))));
  }

  private static byte[] integer(int v) {
    return v < 128 ? DerWriter.element(0x02, new byte[] {(byte) v})
        : DerWriter.element(0x02, new byte[] {(byte) (v >> 8), (byte) v});
  }

  private static byte[] string(String s) {
    return DerWriter.element(0x1b, s.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] principal(int type, String name) {
    String[] parts = name.split("/");
    byte[][] strings = new byte[parts.length][];
    for (int i = 0; i < parts.length; i++) {
      strings[i] = string(parts[i]);
    }
    return DerWriter.sequence(DerWriter.explicit(0, integer(type)),
        DerWriter.explicit(1, DerWriter.sequence(strings)));
  }

  private static byte[] flags(boolean[] f) {
    byte[] b = new byte[5];
    for (int i = 0; i < Math.min(32, f.length); i++) {
      if (f[i]) {
        b[1 + i / 8] |= (byte) (0x80 >>> (i % 8));
      }
    }
    return DerWriter.element(0x03, b);
  }

  private static byte[] time(Instant t) {
    return DerWriter.element(0x18, KERBEROS_TIME.format(t).getBytes(StandardCharsets.US_ASCII));
  }
}
