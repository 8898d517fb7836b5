package dev.krb5gss.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosTicket;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.type.ticket.Ticket;
import org.ietf.jgss.MessageProp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The kit's KDC, keytabs and JDK peers establish real RFC 4121 contexts, for both AES-SHA1 ticket enctypes. */
@ExtendWith(KdcExtension.class)
class JdkToJdkExchangeTest {

    @ParameterizedTest
    @EnumSource(value = AesEnctype.class, names = {"AES128_CTS_HMAC_SHA1_96", "AES256_CTS_HMAC_SHA1_96"})
    void jdkInitiatorAndAcceptorEstablishWithMutualAuth(AesEnctype ticketEnctype, KdcPrincipals names) throws Exception {
        String service = names.addService("HTTP" + ticketEnctype.id(), ticketEnctype);
        Path keytab = names.keytab(service);
        String user = names.addUser("alice" + ticketEnctype.id(), "secret-1");
        Subject alice = names.kdc().login(user, "secret-1");

        try (JdkInitiator init = JdkInitiator.to(names.hostbased("HTTP" + ticketEnctype.id())).start(alice);
                JdkAcceptor acceptor = JdkAcceptor.fromKeytab(keytab, service)) {
            byte[] reply = acceptor.accept(init.firstToken());
            assertThat(init.complete(reply)).isNull();

            assertThat(acceptor.isEstablished()).isTrue();
            assertThat(acceptor.peerName()).isEqualTo(user);
            assertThat(init.isEstablished()).isTrue();
            assertThat(init.getMutualAuthState()).isTrue();
        }
        assertThat(ticketEtype(alice, service)).isEqualTo(ticketEnctype.id());
    }

    @Test
    void spnegoThroughTheJdkEstablishes(KdcPrincipals names) throws Exception {
        String service = names.addService("spnego");
        String user = names.addUser("bob", "secret-2");
        Subject bob = names.kdc().login(user, "secret-2");

        try (JdkInitiator init = JdkInitiator.to(names.hostbased("spnego")).spnego().start(bob);
                JdkAcceptor acceptor = JdkAcceptor.fromKeytab(names.keytab(service), service)) {
            byte[] reply = acceptor.accept(init.firstToken());
            init.complete(reply);

            assertThat(acceptor.isEstablished()).isTrue();
            assertThat(init.isEstablished()).isTrue();
            assertThat(ticketEtype(bob, service)).isEqualTo(AesEnctype.AES256_CTS_HMAC_SHA1_96.id());
        }
    }

    @Test
    void wrapFromTheInitiatorUnwrapsAtTheAcceptor(KdcPrincipals names) throws Exception {
        String service = names.addService("wrap");
        Subject carol = names.kdc().login(names.addUser("carol", "secret-3"), "secret-3");
        try (JdkInitiator init = JdkInitiator.toPrincipal(service).start(carol);
                JdkAcceptor acceptor = JdkAcceptor.fromKeytab(names.keytab(service), service)) {
            init.complete(acceptor.accept(init.firstToken()));

            byte[] message = "hello".getBytes(StandardCharsets.UTF_8);
            byte[] wrapped = init.call(() -> init.context().wrap(message, 0, message.length,
                    new MessageProp(0, true)));
            byte[] unwrapped = acceptor.call(() -> acceptor.context().unwrap(wrapped, 0, wrapped.length,
                    new MessageProp(0, true)));
            assertThat(unwrapped).isEqualTo(message);
        }
    }

    /** The etype the KDC encrypted the service ticket in, read from the ticket the JDK stored. */
    static int ticketEtype(Subject client, String service) throws Exception {
        KerberosTicket ticket = client.getPrivateCredentials(KerberosTicket.class).stream()
                .filter(t -> t.getServer().getName().equals(service))
                .findFirst().orElseThrow();
        return KrbCodec.decode(ticket.getEncoded(), Ticket.class).getEncryptedEncPart().getEType().getValue();
    }
}
