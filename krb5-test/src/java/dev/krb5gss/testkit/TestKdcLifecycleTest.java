package dev.krb5gss.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Set;
import org.apache.kerby.kerberos.kerb.keytab.Keytab;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.apache.kerby.kerberos.kerb.type.ticket.TgtTicket;
import org.junit.jupiter.api.Test;

/**
 * A second, private KDC (another realm) starts, serves an AS exchange through Kerby's client,
 * leaves the JVM's krb5.conf alone, and stops without leaving threads or its port behind.
 */
@org.junit.jupiter.api.Tag("isolated") // starts a second KDC: its own JVM, away from the shared one
class TestKdcLifecycleTest {

    @Test
    void startsServesAndStopsCleanly() throws Exception {
        String jvmConfBefore = System.getProperty("java.security.krb5.conf");
        Set<Thread> before = KdcThreads.snapshot();
        TestKdc kdc = TestKdc.start("LIFECYCLE.TEST");
        int port = kdc.port();
        try {
            assertThat(System.getProperty("java.security.krb5.conf")).isEqualTo(jvmConfBefore);
            assertThat(Files.readString(kdc.krb5Conf())).contains("kdc = 127.0.0.1:" + port);

            kdc.addUser("frank", "pw-frank");
            TgtTicket tgt = kdc.kerby().getKrbClient().requestTgt("frank@LIFECYCLE.TEST", "pw-frank");
            assertThat(tgt.getClientPrincipal().getName()).isEqualTo("frank@LIFECYCLE.TEST");
            assertThat(KdcThreads.leftoverAfter(before, Duration.ZERO)).as("KDC threads while running").isNotEmpty();

            String service = kdc.addService("HTTP/lifecycle");
            Keytab keytab = Keytab.loadKeytab(kdc.exportKeytab(kdc.workDir().resolve("l.keytab"), service).toFile());
            assertThat(keytab.getKeytabEntries(new PrincipalName(service))).hasSize(2);
        } finally {
            kdc.close();
        }
        assertThat(KdcThreads.leftoverAfter(before, Duration.ZERO)).isEmpty();
        assertThat(Files.exists(kdc.workDir())).isFalse();
        try (ServerSocket rebound = new ServerSocket(port, 1, InetAddress.getByName(TestKdc.HOST))) {
            assertThat(rebound.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void loginRefusesAKdcThatIsNotTheJvmConfiguration() {
        try (TestKdc kdc = TestKdc.start("OTHER.TEST")) {
            kdc.addUser("gina", "pw");
            assertThatThrownBy(() -> kdc.login("gina", "pw"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("useAsJvmKrb5Config");
        }
    }
}
