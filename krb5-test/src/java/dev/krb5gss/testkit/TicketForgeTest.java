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
    @EnumSource(value = AesEnctype.class, names = {"AES128_CTS_HMAC_SHA1_96", "AES256_CTS_HMAC_SHA1_96"})
    void defaultForgedTokenIsAcceptedByTheJdkWithMutualAuth(AesEnctype enctype, KdcPrincipals names) throws Exception {
        LongTermKey key = randomKey(names.service("forge" + enctype.id()), enctype, 3);
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

    @ParameterizedTest
    @EnumSource(value = AesEnctype.class, names = {"AES128_CTS_HMAC_SHA1_96", "AES256_CTS_HMAC_SHA1_96"})
    void tokenForgedWithOurCryptoIsAcceptedByTheJdk(AesEnctype enctype, KdcPrincipals names) throws Exception {
        LongTermKey key = randomKey(names.service("ours" + enctype.id()), enctype, 1);
        ForgedApReq apReq = TicketForge.forService(key).withCrypto(ForgeCrypto.ours()).apReq().build();

        try (JdkAcceptor acceptor = acceptorFor(key, names)) {
            apReq.readApRep(acceptor.accept(apReq.gssToken()));
            assertThat(acceptor.isEstablished()).isTrue();
        }
    }

    /** aes-sha2 forging follows dev.krb5gss.crypto: accepted by the JDK once implemented, refused before. */
    @ParameterizedTest
    @EnumSource(value = AesEnctype.class, names = {"AES128_CTS_HMAC_SHA256_128", "AES256_CTS_HMAC_SHA384_192"})
    void aesSha2ForgingFollowsOurCrypto(AesEnctype enctype, KdcPrincipals names) throws Exception {
        byte[] keyBytes = new byte[enctype.keyLength()];
        new java.security.SecureRandom().nextBytes(keyBytes);
        LongTermKey key = new LongTermKey(names.service("sha2" + enctype.id()), enctype, 1, keyBytes);
        TicketForge forge = TicketForge.forService(key);
        if (!ForgeCrypto.ours().supports(enctype)) {
            assertThatThrownBy(() -> forge.apReq().build())
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining(enctype.krb5Name());
            return;
        }
        try (JdkAcceptor acceptor = acceptorFor(key, names)) {
            acceptor.accept(forge.apReq().build().gssToken());
            assertThat(acceptor.isEstablished()).isTrue();
        }
    }

    @Test
    void channelBindingsInTheChecksumAreCheckedByTheJdk(KdcPrincipals names) throws Exception {
        LongTermKey key = randomKey(names.service("bindings"), AesEnctype.AES256_CTS_HMAC_SHA1_96, 1);
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
    void delegatedTgtInTheChecksumReachesTheJdkAcceptor(KdcPrincipals names) throws Exception {
        LongTermKey key = randomKey(names.service("deleg"), AesEnctype.AES256_CTS_HMAC_SHA1_96, 1);
        TicketForge forge = TicketForge.forService(key);
        ForgedTicket ticket = forge.ticket().client(names.user("gwen")).build();
        byte[] krbCred = forge.krbCred(forge.forwardedTgt(ticket), ticket.sessionKey());
        byte[] token = forge.apReq(ticket).checksum(GssChecksum.builder().delegation(krbCred)).build().gssToken();

        try (JdkAcceptor acceptor = acceptorFor(key, names)) {
            acceptor.accept(token);

            assertThat(acceptor.context().getCredDelegState()).isTrue();
            assertThat(acceptor.context().getDelegCred().getName().toString()).isEqualTo(names.user("gwen"));
        }
    }

    @Test
    void authenticatorForAnotherClientIsRejectedByTheJdk(KdcPrincipals names) throws Exception {
        LongTermKey key = randomKey(names.service("badmatch"), AesEnctype.AES256_CTS_HMAC_SHA1_96, 1);
        TicketForge forge = TicketForge.forService(key);
        ForgedTicket ticket = forge.ticket().client(names.user("hank")).build();
        byte[] token = forge.apReq(ticket).client(names.user("mallory")).build().gssToken();

        try (JdkAcceptor acceptor = acceptorFor(key, names)) {
            assertThatThrownBy(() -> acceptor.accept(token))
                    .isInstanceOf(GSSException.class)
                    .hasMessageContaining("Ticket and authenticator don't match");
        }
    }

    @Test
    void truncatedTokenIsRejectedByTheJdk(KdcPrincipals names) throws Exception {
        LongTermKey key = randomKey(names.service("trunc"), AesEnctype.AES256_CTS_HMAC_SHA1_96, 1);
        byte[] token = TicketForge.forService(key).apReq().build().gssToken();

        try (JdkAcceptor acceptor = acceptorFor(key, names)) {
            assertThatThrownBy(() -> acceptor.accept(java.util.Arrays.copyOf(token, token.length - 10)))
                    .isInstanceOf(GSSException.class);
        }
    }

    @Test
    void expiredTicketIsRejectedByTheJdk(KdcPrincipals names) throws Exception {
        LongTermKey key = randomKey(names.service("expired"), AesEnctype.AES256_CTS_HMAC_SHA1_96, 1);
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
        LongTermKey key = randomKey(names.service("skew"), AesEnctype.AES256_CTS_HMAC_SHA1_96, 1);
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
        LongTermKey key = randomKey(names.service("wrongkey"), AesEnctype.AES256_CTS_HMAC_SHA1_96, 1);
        LongTermKey impostor = randomKey(key.principal(), AesEnctype.AES256_CTS_HMAC_SHA1_96, 1);
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

    static LongTermKey randomKey(String principal, AesEnctype enctype, int kvno) {
        return new LongTermKey(principal, enctype, kvno, ForgeCrypto.kerby().randomKey(enctype));
    }

    private static JdkAcceptor acceptorFor(LongTermKey key, KdcPrincipals names) throws Exception {
        Path keytab = KeytabFile.write(
                names.kdc().workDir().resolve(names.tag() + "-" + key.nameWithoutRealm().replace('/', '_') + ".keytab"),
                List.of(key));
        return JdkAcceptor.fromKeytab(keytab, key.principal());
    }
}
