package dev.krb5gss.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosTicket;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A Subject holding forged tickets drives the JDK's own initiator without a KDC: the service is
 * unknown to the KDC and the TGT is sealed in a throw-away key, so any KDC exchange would fail.
 */
@ExtendWith(KdcExtension.class)
class ForgedSubjectTest {

    @ParameterizedTest
    @EnumSource(value = AesEnctype.class, names = {"AES128_CTS_HMAC_SHA1_96", "AES256_CTS_HMAC_SHA1_96"})
    void jdkInitiatorUsesTheForgedServiceTicket(AesEnctype enctype, KdcPrincipals names) throws Exception {
        String service = names.service("forged" + enctype.id());
        LongTermKey key = TicketForgeTest.randomKey(service, enctype, 2);
        TicketForge forge = TicketForge.forService(key);
        ForgedTicket ticket = forge.ticket().client(names.user("erin")).build();
        Subject erin = forge.forgedInitiatorSubject(ticket);
        Path keytab = KeytabFile.write(names.kdc().workDir().resolve(names.tag() + enctype.id() + ".keytab"),
                List.of(key));

        try (JdkInitiator init = JdkInitiator.to(names.hostbased("forged" + enctype.id())).start(erin);
                JdkAcceptor acceptor = JdkAcceptor.fromKeytab(keytab, service)) {
            byte[] reply = acceptor.accept(init.firstToken());
            init.complete(reply);

            assertThat(acceptor.isEstablished()).isTrue();
            assertThat(acceptor.peerName()).isEqualTo(names.user("erin"));
            assertThat(init.isEstablished()).isTrue();
            assertThat(init.getMutualAuthState()).isTrue();
        }
        assertThat(erin.getPrivateCredentials(KerberosTicket.class)).hasSize(2);
    }
}
