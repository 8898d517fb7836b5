package dev.krb5gss.ap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.crypto.EnctypePolicy;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.keytab.ServiceKeyTable;
import dev.krb5gss.testkit.AesEnctype;
import dev.krb5gss.testkit.ForgeCrypto;
import dev.krb5gss.testkit.ForgedTicket;
import dev.krb5gss.testkit.GssChecksum;
import dev.krb5gss.testkit.LongTermKey;
import dev.krb5gss.testkit.SessionKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.ticket.TicketFlag;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.ietf.jgss.ChannelBinding;
import org.junit.jupiter.api.Test;

/**
 * One test per rejection reason of the AP exchange (RFC 4120 §3.2.3, RFC 4121 §4.1.1), with tokens
 * from the kit's TicketForge and fixed clocks. Each asserts the reason and the facts a person
 * needs in the message.
 */
class ApRejectionTest {
  private final ForgeFixture fx = ForgeFixture.aes256();

  @Test
  void serviceNotInKeytabNamesTheAskedAndThePresentPrincipals() {
    LongTermKey other = new LongTermKey("HTTP/other.forge.test@FORGE.TEST",
        AesEnctype.AES256_CTS_HMAC_SHA1_96, 3, fx.kitKey.keyBytes());
    ApAcceptor acceptor = new ApAcceptor(ForgeFixture.table(other), fx.policy().build());
    assertRejected(() -> acceptor.accept(fx.validToken(), null), Reason.SERVICE_NOT_IN_KEYTAB,
        ForgeFixture.SERVICE, "HTTP/other.forge.test@FORGE.TEST");
  }

  @Test
  void serviceOutsideTheAllowlistIsRefused() {
    ApAcceptor acceptor = fx.acceptor(fx.policy()
        .allowedServices(p -> p.components().get(0).equals("imap")).build());
    assertRejected(() -> acceptor.accept(fx.validToken(), null), Reason.SERVICE_NOT_ALLOWED,
        ForgeFixture.SERVICE, "allowlist");
  }

  @Test
  void kvnoMismatchSaysTheKeytabIsStale() {
    ApAcceptor acceptor = new ApAcceptor(ForgeFixture.table(fx.kitKey.withKvno(2)),
        fx.policy().build());
    assertRejected(() -> acceptor.accept(fx.validToken(), null), Reason.KVNO_MISMATCH,
        "kvno 3", "kvno 2", "keytab is stale");
  }

  @Test
  void kvnoMismatchSaysTheClientTicketIsStale() {
    ApAcceptor acceptor = new ApAcceptor(ForgeFixture.table(fx.kitKey.withKvno(4)),
        fx.policy().build());
    assertRejected(() -> acceptor.accept(fx.validToken(), null), Reason.KVNO_MISMATCH,
        "kvno 3", "kvno 4", "client");
  }

  @Test
  void enctypeNotInKeytabNamesTicketAndKeytabEnctypes() {
    LongTermKey aes128 = new LongTermKey(ForgeFixture.SERVICE, AesEnctype.AES128_CTS_HMAC_SHA1_96, 3,
        ForgeCrypto.kerby().randomKey(AesEnctype.AES128_CTS_HMAC_SHA1_96));
    ApAcceptor acceptor = new ApAcceptor(ForgeFixture.table(aes128), fx.policy().build());
    assertRejected(() -> acceptor.accept(fx.validToken(), null), Reason.ENCTYPE_NOT_IN_KEYTAB,
        "aes256-cts-hmac-sha1-96", "[aes128-cts-hmac-sha1-96]");
  }

  @Test
  void enctypeOutsideThePolicyIsRefusedBeforeKeyLookup() {
    ApAcceptor acceptor = new ApAcceptor(ServiceKeyTable.of(java.util.List.of()),
        fx.policy().enctypes(EnctypePolicy.of(EncType.AES128_CTS_HMAC_SHA1_96)).build());
    assertRejected(() -> acceptor.accept(fx.validToken(), null), Reason.ENCTYPE_NOT_PERMITTED,
        "aes256-cts-hmac-sha1-96", "not in the enctype policy");
  }

  @Test
  void rc4TicketsAreRefusedByDefaultWithAHowTo() {
    byte[] token = fx.forge.apReq(fx.forge.ticket().etypeLabel(23).build()).build().gssToken();
    assertRejected(() -> fx.acceptor().accept(token, null), Reason.ENCTYPE_NOT_PERMITTED,
        "rc4-hmac", "msDS-SupportedEncryptionTypes", "reset its password and re-export the keytab",
        "attribute allowRc4=\"true\"", "KeytabLoginModule option allowRc4=true",
        "EnctypePolicy.defaultsWithRc4()", "allow_weak_crypto = true");
  }

  @Test
  void desTicketsAreRefusedAsWeak() {
    byte[] token = fx.forge.apReq(fx.forge.ticket().etypeLabel(3).build()).build().gssToken();
    assertRejected(() -> fx.acceptor().accept(token, null), Reason.ENCTYPE_NOT_PERMITTED,
        "des-cbc-md5", "weak");
  }

  @Test
  void aWrongKeyWithMatchingKvnoAndEnctypeIsAnIntegrityFailure() {
    LongTermKey wrong = new LongTermKey(ForgeFixture.SERVICE, AesEnctype.AES256_CTS_HMAC_SHA1_96, 3,
        ForgeCrypto.kerby().randomKey(AesEnctype.AES256_CTS_HMAC_SHA1_96));
    ApAcceptor acceptor = new ApAcceptor(ForgeFixture.table(wrong), fx.policy().build());
    assertRejected(() -> acceptor.accept(fx.validToken(), null), Reason.TICKET_INTEGRITY,
        "kvno (3)", "aes256-cts-hmac-sha1-96", "re-export");
  }

  @Test
  void anAuthenticatorInAnotherKeyIsAnIntegrityFailure() {
    ForgedTicket ticket = fx.forge.ticket().client(ForgeFixture.CLIENT).build();
    byte[] token = fx.forge.apReq(ticket).encryptAuthenticatorWith(
        SessionKey.random(AesEnctype.AES256_CTS_HMAC_SHA1_96, ForgeCrypto.kerby())).build().gssToken();
    assertRejected(() -> fx.acceptor().accept(token, null), Reason.AUTHENTICATOR_INTEGRITY,
        "session key");
  }

  @Test
  void anAuthenticatorForAnotherClientIsAMismatch() {
    ForgedTicket ticket = fx.forge.ticket().client(ForgeFixture.CLIENT).build();
    byte[] token = fx.forge.apReq(ticket).client("mallory@FORGE.TEST").build().gssToken();
    assertRejected(() -> fx.acceptor().accept(token, null), Reason.CLIENT_MISMATCH,
        "mallory@FORGE.TEST", ForgeFixture.CLIENT);
  }

  @Test
  void clientClockAheadBeyondTheSkewIsRejectedWithTheDelta() {
    ForgeFixture ahead = ForgeFixture.withClientClockOffset(Duration.ofSeconds(7 * 60 + 12));
    assertRejected(() -> ahead.acceptor().accept(ahead.validToken(), null), Reason.CLOCK_SKEW,
        "7m12s ahead", "5m0s");
  }

  @Test
  void clientClockBehindBeyondTheSkewIsRejectedWithTheDelta() {
    ForgeFixture behind = ForgeFixture.withClientClockOffset(Duration.ofMinutes(-9));
    assertRejected(() -> behind.acceptor().accept(behind.validToken(), null), Reason.CLOCK_SKEW,
        "9m0s behind", "5m0s");
  }

  @Test
  void aConfiguredSkewIsHonoured() throws Exception {
    ForgeFixture ahead = ForgeFixture.withClientClockOffset(Duration.ofMinutes(7));
    ApAcceptor lenient = ahead.acceptor(ahead.policy().maxSkew(Duration.ofMinutes(8)).build());
    assertThat(lenient.accept(ahead.validToken(), null).client().toString())
        .isEqualTo(ForgeFixture.CLIENT);
    ApAcceptor strict = ahead.acceptor(ahead.policy().maxSkew(Duration.ofMinutes(6)).build());
    assertRejected(() -> strict.accept(ahead.validToken(), null), Reason.CLOCK_SKEW,
        "7m0s ahead", "6m0s");
  }

  @Test
  void aReplayedTokenIsRejectedTheSecondTime() throws Exception {
    ApAcceptor acceptor = fx.acceptor();
    byte[] token = fx.validToken();
    acceptor.accept(token, null);
    assertRejected(() -> acceptor.accept(token, null), Reason.REPLAY, ForgeFixture.CLIENT,
        "replayed");
  }

  @Test
  void aClientOverItsReplayCacheShareIsRefusedWhileOthersAreServed() throws Exception {
    ApAcceptor acceptor = fx.acceptor(fx.policy()
        .replayCache(new dev.krb5gss.replay.InMemoryReplayCache(fx.acceptorClock, 100, 2))
        .build());
    acceptor.accept(fx.validToken(), null);
    acceptor.accept(fx.validToken(), null);
    assertRejected(() -> acceptor.accept(fx.validToken(), null), Reason.REPLAY_CACHE_FULL,
        ForgeFixture.CLIENT, "share of 2", "other clients are still served");
    byte[] bob = fx.forge.apReq(fx.forge.ticket().client("bob@FORGE.TEST").build()).build()
        .gssToken();
    assertThat(acceptor.accept(bob, null).client().toString()).isEqualTo("bob@FORGE.TEST");
  }

  @Test
  void anExpiredTicketIsRejected() {
    ForgedTicket ticket = fx.forge.ticket().client(ForgeFixture.CLIENT)
        .authTime(ForgeFixture.NOW.minus(Duration.ofHours(11)))
        .startTime(ForgeFixture.NOW.minus(Duration.ofHours(11)))
        .endTime(ForgeFixture.NOW.minus(Duration.ofMinutes(6))).build();
    byte[] token = fx.forge.apReq(ticket).build().gssToken();
    assertRejected(() -> fx.acceptor().accept(token, null), Reason.TICKET_EXPIRED,
        "expired at 2026-11-26T11:54:00Z", "6m0s ago", "new ticket");
  }

  @Test
  void aTicketExpiredWithinTheSkewIsStillAccepted() throws Exception {
    ForgedTicket ticket = fx.forge.ticket().client(ForgeFixture.CLIENT)
        .endTime(ForgeFixture.NOW.minus(Duration.ofMinutes(4))).build();
    byte[] token = fx.forge.apReq(ticket).build().gssToken();
    assertThat(fx.acceptor().accept(token, null).endTime())
        .isEqualTo(ForgeFixture.NOW.minus(Duration.ofMinutes(4)).truncatedTo(
            java.time.temporal.ChronoUnit.SECONDS));
  }

  @Test
  void aPostdatedTicketIsNotYetValid() {
    ForgedTicket ticket = fx.forge.ticket().client(ForgeFixture.CLIENT)
        .startTime(ForgeFixture.NOW.plus(Duration.ofMinutes(30)))
        .endTime(ForgeFixture.NOW.plus(Duration.ofHours(5))).build();
    byte[] token = fx.forge.apReq(ticket).build().gssToken();
    assertRejected(() -> fx.acceptor().accept(token, null), Reason.TICKET_NOT_YET_VALID,
        "valid from 2026-11-26T12:30:00Z", "29m59s from now", "5m0s");
  }

  @Test
  void aTicketFlaggedInvalidIsNotYetValid() {
    ForgedTicket ticket = fx.forge.ticket().client(ForgeFixture.CLIENT)
        .flags(TicketFlag.INVALID, TicketFlag.POSTDATED).build();
    byte[] token = fx.forge.apReq(ticket).build().gssToken();
    assertRejected(() -> fx.acceptor().accept(token, null), Reason.TICKET_NOT_YET_VALID,
        "INVALID");
  }

  @Test
  void aMissingGssChecksumIsRejected() {
    byte[] token = apReqWith(b -> b.noChecksum());
    assertRejected(() -> fx.acceptor().accept(token, null), Reason.BAD_GSS_CHECKSUM,
        "no checksum", "0x8003");
  }

  @Test
  void aChecksumOfAnotherTypeIsRejected() {
    byte[] token = apReqWith(b -> b.rawChecksum(16, new byte[12]));
    assertRejected(() -> fx.acceptor().accept(token, null), Reason.BAD_GSS_CHECKSUM,
        "type 16", "0x8003");
  }

  @Test
  void aShortGssChecksumIsRejected() {
    byte[] token = apReqWith(b -> b.rawChecksum(GssChecksum.TYPE, new byte[20]));
    assertRejected(() -> fx.acceptor().accept(token, null), Reason.BAD_GSS_CHECKSUM,
        "20 bytes", "24");
  }

  @Test
  void aWrongLgthIsRejected() {
    byte[] token = apReqWith(b -> b.checksum(GssChecksum.builder().lengthField(15)));
    assertRejected(() -> fx.acceptor().accept(token, null), Reason.BAD_GSS_CHECKSUM,
        "Lgth is 15", "16");
  }

  @Test
  void aDelegFlagWithoutDelegationFieldsIsRejected() {
    byte[] token = apReqWith(b -> b.checksum(GssChecksum.builder()
        .flags(GssChecksum.DEFAULT_FLAGS | GssChecksum.DELEG)));
    assertRejected(() -> fx.acceptor().accept(token, null), Reason.BAD_GSS_CHECKSUM, "DELEG");
  }

  @Test
  void aWrongDlgOptIsRejected() {
    byte[] token = apReqWith(b -> b.checksum(GssChecksum.builder()
        .delegation(new byte[] {1, 2, 3}).delegationOption(2)));
    assertRejected(() -> fx.acceptor().accept(token, null), Reason.BAD_GSS_CHECKSUM,
        "DlgOpt is 2");
  }

  @Test
  void aDlgthPastTheEndIsRejected() {
    byte[] value = GssChecksum.builder().delegation(new byte[] {1, 2, 3}).encode();
    value[26] = 100;
    byte[] token = apReqWith(b -> b.rawChecksum(GssChecksum.TYPE, value));
    assertRejected(() -> fx.acceptor().accept(token, null), Reason.BAD_GSS_CHECKSUM,
        "Dlgth 100", "3 bytes remain");
  }

  @Test
  void channelBindingsThatDifferAreAMismatch() {
    byte[] token = apReqWith(b -> b.checksum(GssChecksum.builder()
        .channelBinding(new ChannelBinding(bytes("tls-server-end-point:AAAA")))));
    ChannelBindings ours = ChannelBindings.ofApplicationData(bytes("tls-server-end-point:BBBB"));
    assertRejected(() -> fx.acceptor().accept(token, ours), Reason.CHANNEL_BINDING_MISMATCH,
        "differ");
  }

  @Test
  void missingClientBindingsAreAMismatchOnlyWhenRequired() throws Exception {
    ChannelBindings ours = ChannelBindings.ofApplicationData(bytes("tls-server-end-point:AAAA"));
    assertThat(fx.acceptor().accept(fx.validToken(), ours).client().toString())
        .isEqualTo(ForgeFixture.CLIENT);
    ApAcceptor strict = fx.acceptor(fx.policy().requireChannelBindings(true).build());
    assertRejected(() -> strict.accept(fx.validToken(), ours), Reason.CHANNEL_BINDING_MISMATCH,
        "no channel bindings", "requires");
  }

  @Test
  void userToUserIsUnsupported() {
    byte[] token = apReqWith(b -> b.useSessionKey(true));
    assertRejected(() -> fx.acceptor().accept(token, null), Reason.UNSUPPORTED_OPERATION,
        "user-to-user");
  }

  @Test
  void dceStyleIsUnsupported() {
    byte[] token = apReqWith(b -> b.checksum(GssChecksum.builder()
        .flags(GssChecksum.DEFAULT_FLAGS | GssChecksum.DCE_STYLE)));
    assertRejected(() -> fx.acceptor().accept(token, null), Reason.UNSUPPORTED_OPERATION,
        "DCE");
  }

  @Test
  void anEmptyKeytabMeansNoCredentials() {
    ApAcceptor acceptor = new ApAcceptor(ServiceKeyTable.of(java.util.List.of()),
        fx.policy().build());
    assertRejected(() -> acceptor.accept(fx.validToken(), null), Reason.NO_CREDENTIALS,
        ForgeFixture.SERVICE);
  }

  @Test
  void aSessionKeyOfAnEnctypeOutsideThePolicyIsRefused() {
    ForgedTicket ticket = fx.forge.ticket().client(ForgeFixture.CLIENT)
        .editEncPart(p -> p.setKey(new EncryptionKey(23, new byte[16]))).build();
    byte[] token = fx.forge.apReq(ticket).build().gssToken();
    assertRejected(() -> fx.acceptor().accept(token, null), Reason.ENCTYPE_NOT_PERMITTED,
        "session key", "rc4-hmac");
  }

  @Test
  void aSessionKeyOfTheWrongLengthIsMalformed() {
    ForgedTicket ticket = fx.forge.ticket().client(ForgeFixture.CLIENT)
        .editEncPart(p -> p.setKey(new EncryptionKey(18, new byte[5]))).build();
    byte[] token = fx.forge.apReq(ticket).build().gssToken();
    assertRejected(() -> fx.acceptor().accept(token, null), Reason.MALFORMED_TOKEN,
        "session key", "5 bytes", "32");
  }

  @Test
  void aCusecOutOfRangeIsMalformed() {
    byte[] token = apReqWith(b -> b.editAuthenticator(a -> a.setCusec(1_000_000)));
    assertRejected(() -> fx.acceptor().accept(token, null), Reason.MALFORMED_TOKEN,
        "cusec 1000000");
  }

  @Test
  void aWrongAuthenticatorVersionIsMalformed() {
    byte[] token = apReqWith(b -> b.authenticatorVno(4));
    assertRejected(() -> fx.acceptor().accept(token, null), Reason.MALFORMED_TOKEN,
        "authenticator-vno", "expected 5, got 4");
  }

  @Test
  void aWrongTicketVersionIsMalformed() {
    byte[] token = fx.forge.apReq(fx.forge.ticket().tktVno(4).build()).build().gssToken();
    assertRejected(() -> fx.acceptor().accept(token, null), Reason.MALFORMED_TOKEN,
        "tkt-vno", "expected 5, got 4");
  }

  @Test
  void aTicketWithoutKvnoUsesTheNewestKey() throws Exception {
    byte[] token = fx.forge.apReq(fx.forge.ticket().client(ForgeFixture.CLIENT).kvnoLabel(null)
        .build()).build().gssToken();
    LongTermKey old = new LongTermKey(ForgeFixture.SERVICE, AesEnctype.AES256_CTS_HMAC_SHA1_96, 1,
        ForgeCrypto.kerby().randomKey(AesEnctype.AES256_CTS_HMAC_SHA1_96));
    ApAcceptor acceptor = new ApAcceptor(ForgeFixture.table(old, fx.kitKey), fx.policy().build());
    assertThat(acceptor.accept(token, null).kvno()).isEqualTo(3);
  }

  private byte[] apReqWith(java.util.function.Consumer<dev.krb5gss.testkit.ApReqBuilder> edit) {
    ForgedTicket ticket = fx.forge.ticket().client(ForgeFixture.CLIENT).build();
    dev.krb5gss.testkit.ApReqBuilder b = fx.forge.apReq(ticket);
    edit.accept(b);
    return b.build().gssToken();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  static void assertRejected(ThrowingCallable call, Reason reason, String... messageParts) {
    assertThatThrownBy(call).isInstanceOfSatisfying(RejectedException.class, e -> {
      assertThat(e.reason()).isEqualTo(reason);
      assertThat(e.getMessage()).contains(messageParts);
    });
  }
}
