package dev.krb5gss.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kerby.kerberos.kerb.type.ap.EncAPRepPart;
import org.ietf.jgss.ChannelBinding;
import org.ietf.jgss.GSSException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Forged AP-REQs are judged by the JDK's own acceptor: valid by default, rejected when a field is made wrong. */
@ExtendWith(KdcExtension.class)
class TicketForgeTest {
    private static final Instant NOW = Instant.now();

    @ParameterizedTest
    @EnumSource(value = Enctype.class, names = {"AES128_CTS_HMAC_SHA1_96", "AES256_CTS_HMAC_SHA1_96"})
    void defaultForgedTokenIsAcceptedByTheJdkWithMutualAuth(Enctype enctype, KdcPrincipals names) throws Exception {
        ServiceKey key = randomKey(names.service("forge" + enctype.id()), enctype, 3);
        TicketForge forge = TicketForge.forService(key).withClock(Clock.fixed(NOW, ZoneOffset.UTC));
        ForgedApReq apReq = forge.apReq(forge.ticket().client(names.user("dave")).build()).build();

        try (JdkAcceptor acceptor = acceptorFor(key, names)) {
            byte[] reply = acceptor.accept(apReq.gssToken());

            assertThat(acceptor.isEstablished()).isTrue();
            assertThat(acceptor.peerName()).isEqualTo(names.user("dave"));
            EncAPRepPart apRep = apReq.readApRep(reply);
            assertThat(apRep.getCtime().getTime()).isEqualTo(apReq.ctime().toEpochMilli());
            assertThat(apRep.getCusec()).isEqualTo(apReq.cusec());
        }
    }

    @Test
    void channelBindingsInTheChecksumAreCheckedByTheJdk(KdcPrincipals names) throws Exception {
        ServiceKey key = randomKey(names.service("bindings"), Enctype.AES256_CTS_HMAC_SHA1_96, 1);
        TicketForge forge = TicketForge.forService(key);
        ChannelBinding binding = new ChannelBinding(InetAddress.getLoopbackAddress(), null, new byte[] {1, 2, 3});
        Path keytab = KeytabFile.write(names.kdc().workDir().resolve(names.tag() + "-cb.keytab"), List.of(key));

        byte[] matching = forge.apReq().checksum(GssChecksum.builder().channelBinding(binding)).build().gssToken();
        try (JdkAcceptor acceptor = JdkAcceptor.fromKeytab(keytab, key.principal(), binding)) {
            acceptor.accept(matching);
            assertThat(acceptor.isEstablished()).isTrue();
        }

        byte[] other = forge.apReq().checksum(GssChecksum.builder()
                .channelBinding(new ChannelBinding(null, null, new byte[] {9}))).build().gssToken();
        try (JdkAcceptor acceptor = JdkAcceptor.fromKeytab(keytab, key.principal(), binding)) {
            assertThatThrownBy(() -> acceptor.accept(other))
                    .isInstanceOfSatisfying(GSSException.class,
                            e -> assertThat(e.getMajor()).isEqualTo(GSSException.BAD_BINDINGS));
        }
    }

    @Test
    void expiredTicketIsRejectedByTheJdk(KdcPrincipals names) throws Exception {
        ServiceKey key = randomKey(names.service("expired"), Enctype.AES256_CTS_HMAC_SHA1_96, 1);
        TicketForge forge = TicketForge.forService(key);
        ForgedTicket expired = forge.ticket()
                .authTime(NOW.minus(Duration.ofHours(12))).startTime(NOW.minus(Duration.ofHours(12)))
                .endTime(NOW.minus(Duration.ofHours(2))).build();

        try (JdkAcceptor acceptor = acceptorFor(key, names)) {
            assertThatThrownBy(() -> acceptor.accept(forge.apReq(expired).build().gssToken()))
                    .isInstanceOf(GSSException.class)
                    .hasMessageContaining("expired");
        }
    }

    @Test
    void skewedAuthenticatorIsRejectedByTheJdk(KdcPrincipals names) throws Exception {
        ServiceKey key = randomKey(names.service("skew"), Enctype.AES256_CTS_HMAC_SHA1_96, 1);
        TicketForge forge = TicketForge.forService(key);
        byte[] token = forge.apReq().ctime(Instant.now().minus(Duration.ofMinutes(30))).build().gssToken();

        try (JdkAcceptor acceptor = acceptorFor(key, names)) {
            assertThatThrownBy(() -> acceptor.accept(token))
                    .isInstanceOf(GSSException.class)
                    .hasMessageContaining("Clock skew");
        }
    }

    @Test
    void ticketInAnotherKeyIsRejectedByTheJdk(KdcPrincipals names) throws Exception {
        ServiceKey key = randomKey(names.service("wrongkey"), Enctype.AES256_CTS_HMAC_SHA1_96, 1);
        ServiceKey impostor = randomKey(key.principal(), Enctype.AES256_CTS_HMAC_SHA1_96, 1);
        TicketForge forge = TicketForge.forService(key);
        byte[] token = forge.apReq(forge.ticket().encryptWith(impostor).build()).build().gssToken();

        try (JdkAcceptor acceptor = acceptorFor(key, names)) {
            assertThatThrownBy(() -> acceptor.accept(token))
                    .isInstanceOf(GSSException.class)
                    .hasMessageContaining("Checksum failed");
        }
    }

    @Test
    void rawTypesKeepNumbersKerbyDoesNotKnow() throws Exception {
        byte[] encoded = org.apache.kerby.kerberos.kerb.KrbCodec.encode(
                KerbyRaw.encryptedData(20, 7, new byte[] {1}));
        // EncryptedData ::= SEQUENCE { etype [0] Int32, kvno [1] UInt32, cipher [2] OCTET STRING }
        assertThat(encoded).containsSequence(0xa0, 0x03, 0x02, 0x01, 20).containsSequence(0xa1, 0x03, 0x02, 0x01, 7);
        byte[] checksum = org.apache.kerby.kerberos.kerb.KrbCodec.encode(KerbyRaw.checksum(GssChecksum.TYPE, new byte[0]));
        // 0x8003 is positive, so DER needs a leading zero byte: 02 03 00 80 03
        assertThat(checksum).containsSequence(0xa0, 0x05, 0x02, 0x03, 0x00, 0x80, 0x03);
    }

    @Test
    void gssChecksumHasTheRfc4121Layout() {
        byte[] value = GssChecksum.builder().flags(GssChecksum.MUTUAL | GssChecksum.INTEG).encode();
        assertThat(value).hasSize(24);
        assertThat(value).startsWith(16, 0, 0, 0);
        assertThat(java.util.Arrays.copyOfRange(value, 20, 24)).containsExactly(0x22, 0, 0, 0);
    }

    static ServiceKey randomKey(String principal, Enctype enctype, int kvno) {
        return new ServiceKey(principal, enctype, kvno, ForgeCrypto.kerby().randomKey(enctype));
    }

    private static JdkAcceptor acceptorFor(ServiceKey key, KdcPrincipals names) throws Exception {
        Path keytab = KeytabFile.write(
                names.kdc().workDir().resolve(names.tag() + "-" + key.nameWithoutRealm().replace('/', '_') + ".keytab"),
                List.of(key));
        return JdkAcceptor.fromKeytab(keytab, key.principal());
    }
}
