package dev.krb5gss.ap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.crypto.CipherKey;
import dev.krb5gss.crypto.CryptoProfiles;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.testkit.AesEnctype;
import dev.krb5gss.testkit.ForgedApReq;
import dev.krb5gss.testkit.ForgedTicket;
import dev.krb5gss.testkit.GssChecksum;
import dev.krb5gss.testkit.GssFraming;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.type.ap.ApRep;
import org.apache.kerby.kerberos.kerb.type.ap.EncAPRepPart;
import org.apache.kerby.kerberos.kerb.type.base.KrbError;
import org.junit.jupiter.api.Test;

/**
 * What the acceptor returns: the AP-REP (RFC 4120 §5.5.2) read back with the client's session key,
 * the keys and sequence numbers of RFC 4121 §2, the raw ticket and checksum data, and the KRB-ERROR
 * tokens (RFC 4120 §5.9.1) attached to rejections.
 */
class ApReplyAndErrorTokenTest {
  private final ForgeFixture fx = ForgeFixture.aes256();

  @Test
  void theApRepEchoesTheAuthenticatorTimeAndCarriesOurSubkeyAndSequence() throws Exception {
    ForgedApReq req = fx.forge.apReq(fx.forge.ticket().client(ForgeFixture.CLIENT).build())
        .seqNumber(12345).build();
    ApEstablished est = fx.acceptor().accept(req.gssToken(), null);

    EncAPRepPart rep = req.readApRep(est.outputToken());
    assertThat(rep.getCtime().getTime()).isEqualTo(req.ctime().toEpochMilli());
    assertThat(rep.getCusec()).isEqualTo(req.cusec());
    assertThat(rep.getSubkey().getKeyData())
        .isEqualTo(est.acceptorSubkey().orElseThrow().secret().toByteArray());
    assertThat(rep.getSubkey().getKeyType().getValue()).isEqualTo(18);
    assertThat((long) rep.getSeqNumber()).isEqualTo(est.acceptorSequence());
    assertThat(est.acceptorSequence()).isBetween(0L, 0x3fffffffL);
    assertThat(est.initiatorSequence()).isEqualTo(12345);
    assertThat(est.contextKey()).isSameAs(est.acceptorSubkey().get());
  }

  @Test
  void anApRepWithoutSubkeyCarriesTimeAndSequenceOnly() throws Exception {
    // rc4-hmac contexts get no acceptor subkey (RFC 4757 §7 tokens do not name their key)
    CipherKey session = CryptoProfiles.of(EncType.RC4_HMAC).orElseThrow().randomKey();
    Instant ctime = Instant.parse("2026-01-02T03:04:05Z");
    byte[] token = ApReplyBuilder.build(InitialContextToken.KRB5_OID, session, ctime, 123, null,
        4242);
    ApRep apRep = KrbCodec.decode(GssFraming.unframe(token, GssFraming.TOK_ID_AP_REP),
        ApRep.class);
    byte[] cipher = apRep.getEncryptedEncPart().getCipher();
    byte[] plain = CryptoProfiles.of(EncType.RC4_HMAC).orElseThrow().decrypt(session,
        ApReplyBuilder.USAGE_AP_REP, cipher, 0, cipher.length);
    EncAPRepPart rep = KrbCodec.decode(plain, EncAPRepPart.class);
    assertThat(rep.getSubkey()).isNull();
    assertThat(rep.getCtime().getTime()).isEqualTo(ctime.toEpochMilli());
    assertThat(rep.getCusec()).isEqualTo(123);
    assertThat((long) rep.getSeqNumber()).isEqualTo(4242);
  }

  @Test
  void theAcceptorSubkeyFollowsTheInitiatorSubkeyEnctype() throws Exception {
    ForgedApReq req = fx.forge.apReq(fx.forge.ticket().client(ForgeFixture.CLIENT).build())
        .randomSubkey(AesEnctype.AES128_CTS_HMAC_SHA1_96).build();
    ApEstablished est = fx.acceptor().accept(req.gssToken(), null);
    assertThat(est.initiatorSubkey().orElseThrow().secret().toByteArray())
        .isEqualTo(req.subkey().keyBytes());
    assertThat(est.acceptorSubkey().orElseThrow().encType().id()).isEqualTo(17);
    assertThat(est.sessionKey().secret().toByteArray())
        .isEqualTo(req.sessionKey().keyBytes());
  }

  @Test
  void withoutMutualTheInitiatorSubkeyIsTheContextKey() throws Exception {
    ForgedApReq req = fx.forge.apReq(fx.forge.ticket().client(ForgeFixture.CLIENT).build())
        .mutualRequired(false)
        .checksum(GssChecksum.builder().flags(GssChecksum.DEFAULT_FLAGS & ~GssChecksum.MUTUAL))
        .randomSubkey(AesEnctype.AES256_CTS_HMAC_SHA1_96).seqNumber(77).build();
    ApEstablished est = fx.acceptor().accept(req.gssToken(), null);
    assertThat(est.outputToken()).isEmpty();
    assertThat(est.acceptorSubkey()).isEmpty();
    assertThat(est.contextKey()).isSameAs(est.initiatorSubkey().orElseThrow());
    assertThat(est.acceptorSequence()).isEqualTo(77);
    assertThat(est.flags()).doesNotContain(ContextFlag.MUTUAL);
  }

  @Test
  void withoutAnySubkeyTheSessionKeyIsTheContextKeyAndAMissingSeqIsZero() throws Exception {
    ForgedApReq req = fx.forge.apReq(fx.forge.ticket().client(ForgeFixture.CLIENT).build())
        .mutualRequired(false).seqNumber(null)
        .checksum(GssChecksum.builder().flags(GssChecksum.CONF | GssChecksum.INTEG)).build();
    ApEstablished est = fx.acceptor().accept(req.gssToken(), null);
    assertThat(est.contextKey()).isSameAs(est.sessionKey());
    assertThat(est.initiatorSequence()).isZero();
    assertThat(est.flags()).containsExactlyInAnyOrder(ContextFlag.CONF, ContextFlag.INTEG);
  }

  @Test
  void delegatedCredentialsAndAuthorizationDataAreKeptRaw() throws Exception {
    byte[] krbCred = {0x76, 0x03, 0x01, 0x02, 0x03};
    ForgedTicket ticket = fx.forge.ticket().client(ForgeFixture.CLIENT)
        .addAuthorizationData(141, new byte[] {9, 9, 9}).build(); // 128 would be a (bad) PAC
    ForgedApReq req = fx.forge.apReq(ticket)
        .checksum(GssChecksum.builder().delegation(krbCred).extensions(new byte[] {0, 0, 0, 0}))
        .build();
    ApEstablished est = fx.acceptor().accept(req.gssToken(), null);
    assertThat(est.flags()).contains(ContextFlag.DELEG);
    assertThat(est.delegatedCredential()).hasValueSatisfying(c -> assertThat(c).isEqualTo(krbCred));
    byte[] ad = est.authorizationData();
    assertThat(ad[0]).isEqualTo((byte) 0x30);
    assertThat(Arrays.copyOfRange(ad, ad.length - 3, ad.length)).containsExactly(9, 9, 9);
    est.authorizationData()[0] = 0;
    assertThat(est.authorizationData()[0]).isEqualTo((byte) 0x30);
  }

  @Test
  void clockSkewCarriesAKrbErrorWithOurTime() {
    ForgeFixture ahead = ForgeFixture.withClientClockOffset(Duration.ofMinutes(10));
    byte[] token = ahead.forge.apReq(ahead.forge.ticket().client(ForgeFixture.CLIENT).build())
        .mutualRequired(false).build().gssToken();
    assertThatThrownBy(() -> ahead.acceptor().accept(token, null))
        .isInstanceOfSatisfying(RejectedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.CLOCK_SKEW);
          KrbError err = krbError(e.errorToken().orElseThrow());
          assertThat(err.getErrorCode().getValue()).isEqualTo(37);
          assertThat(err.getStime().getTime()).isEqualTo(ForgeFixture.NOW.toEpochMilli() / 1000 * 1000);
          assertThat(err.getSusec()).isEqualTo(250_000);
          assertThat(err.getSname().getNameStrings()).containsExactly("HTTP", "www.forge.test");
          assertThat(err.getRealm()).isEqualTo(ForgeFixture.REALM);
          assertThat(err.getEtext()).isNull();
        });
  }

  @Test
  void aReplayWithMutualRequestedCarriesKrbApErrRepeat() throws Exception {
    ApAcceptor acceptor = fx.acceptor();
    byte[] token = fx.validToken();
    acceptor.accept(token, null);
    assertThatThrownBy(() -> acceptor.accept(token, null))
        .isInstanceOfSatisfying(RejectedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.REPLAY);
          assertThat(krbError(e.errorToken().orElseThrow()).getErrorCode().getValue())
              .isEqualTo(34);
        });
  }

  @Test
  void withoutMutualOnlySkewGetsAnErrorToken() {
    byte[] token = fx.forge.apReq(fx.forge.ticket().client(ForgeFixture.CLIENT).build())
        .mutualRequired(false).noChecksum().build().gssToken();
    assertThatThrownBy(() -> fx.acceptor().accept(token, null))
        .isInstanceOfSatisfying(RejectedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.BAD_GSS_CHECKSUM);
          assertThat(e.errorToken()).isEmpty();
        });
  }

  @Test
  void aBadChecksumWithMutualGetsKrbApErrModified() {
    byte[] token = fx.forge.apReq(fx.forge.ticket().client(ForgeFixture.CLIENT).build())
        .noChecksum().build().gssToken();
    assertThatThrownBy(() -> fx.acceptor().accept(token, null))
        .isInstanceOfSatisfying(RejectedException.class, e ->
            assertThat(krbError(e.errorToken().orElseThrow()).getErrorCode().getValue())
                .isEqualTo(41));
  }

  @Test
  void aFailedTokenDoesNotEnterTheReplayCache() throws Exception {
    ApPolicy policy = fx.policy().build();
    ApAcceptor acceptor = fx.acceptor(policy);
    ForgedTicket ticket = fx.forge.ticket().client(ForgeFixture.CLIENT).build();
    byte[] bad = fx.forge.apReq(ticket).noChecksum().build().gssToken();
    assertThatThrownBy(() -> acceptor.accept(bad, null)).isInstanceOf(RejectedException.class);
    assertThat(policy.replayCache().size()).isZero();
    acceptor.accept(fx.validToken(), null);
    assertThat(policy.replayCache().size()).isEqualTo(1);
  }

  @Test
  void destroyWipesTheKeysAndToStringShowsNone() throws Exception {
    ApEstablished est = fx.acceptor().accept(fx.validToken(), null);
    assertThat(est.toString()).contains(ForgeFixture.CLIENT).doesNotContain("secret");
    est.destroy();
    assertThat(est.sessionKey().secret().isDestroyed()).isTrue();
    assertThat(est.acceptorSubkey().orElseThrow().secret().isDestroyed()).isTrue();
  }

  static KrbError krbError(byte[] token) {
    try {
      return KrbCodec.decode(GssFraming.unframe(token, GssFraming.TOK_ID_ERROR), KrbError.class);
    } catch (Exception e) {
      throw new AssertionError("not a framed KRB-ERROR", e);
    }
  }
}
