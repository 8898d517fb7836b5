package dev.krb5gss.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javax.security.auth.Subject;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Both ways of running as a Subject reach the JDK's Kerberos mechanism on the running JDK:
 * callAs (JDK 18+, or doAs on 17) and doAs itself (deprecated for removal; JDK 25 maps it to callAs).
 */
@ExtendWith(KdcExtension.class)
class SubjectsTest {

    @Test
    void callAsPropagatesTheSubjectToTheJdkInitiator(KdcPrincipals names) throws Exception {
        assertThat(establishes(names, "callas", false)).isTrue();
    }

    @Test
    void doAsPropagatesTheSubjectToTheJdkInitiator(KdcPrincipals names) throws Exception {
        assertThat(establishes(names, "doas", true)).isTrue();
    }

    @Test
    void checkedExceptionsPassThroughUnwrapped() {
        Exception thrown = org.assertj.core.api.Assertions.catchException(
                () -> Subjects.callAs(new Subject(), () -> {
                    throw new java.io.IOException("boom");
                }));
        assertThat(thrown).isInstanceOf(java.io.IOException.class).hasMessage("boom");
    }

    private static boolean establishes(KdcPrincipals names, String service, boolean viaDoAs) throws Exception {
        LongTermKey key = TicketForgeTest.randomKey(names.service(service), AesEnctype.AES256_CTS_HMAC_SHA1_96, 1);
        TicketForge forge = TicketForge.forService(key);
        Subject client = forge.forgedInitiatorSubject(forge.ticket().client(names.user("ivy")).build());
        java.util.concurrent.Callable<byte[]> firstToken = () -> {
            GSSManager manager = GSSManager.getInstance();
            GSSContext context = manager.createContext(
                    manager.createName(names.hostbased(service), GSSName.NT_HOSTBASED_SERVICE),
                    GssOids.KRB5, null, GSSContext.DEFAULT_LIFETIME);
            context.requestMutualAuth(false);
            return context.initSecContext(new byte[0], 0, 0);
        };
        byte[] token = viaDoAs ? Subjects.doAs(client, firstToken) : Subjects.callAs(client, firstToken);
        Path keytab = KeytabFile.write(names.kdc().workDir().resolve(names.tag() + service + ".keytab"), List.of(key));
        try (JdkAcceptor acceptor = JdkAcceptor.fromKeytab(keytab, key.principal())) {
            acceptor.accept(token);
            return acceptor.isEstablished() && acceptor.peerName().equals(names.user("ivy"));
        }
    }
}
