package dev.krb5gss.ap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.pac.GroupMembership;
import dev.krb5gss.pac.Pac;
import dev.krb5gss.pac.Sid;
import dev.krb5gss.replay.InMemoryReplayCache;
import dev.krb5gss.testkit.AesEnctype;
import dev.krb5gss.testkit.ForgeCrypto;
import dev.krb5gss.testkit.ForgedPacBuilder;
import dev.krb5gss.testkit.LongTermKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The PAC (MS-PAC) in the AP exchange of the plain API: a ticket forged with a PAC built and
 * signed in the test ({@link ForgedPacBuilder}) is accepted and {@link ApEstablished#pac()} holds
 * its SIDs; every failed check rejects the token with PAC_INVALID naming the check, before the
 * replay cache sees it; no PAC is accepted unless the policy requires one (PAC_REQUIRED).
 */
class PacAcceptorTest {
  private static final String DOMAIN = "S-1-5-21-1004336348-1177238915-682003330";
  private static final String OTHER_DOMAIN = "S-1-5-21-2000000001-2000000002-2000000003";
  private static final String RESOURCE_DOMAIN = "S-1-5-21-3000000001-3000000002-3000000003";

  private final ForgeFixture fx = ForgeFixture.aes256();
  private final Instant authTime = ForgeFixture.NOW.truncatedTo(ChronoUnit.SECONDS);

  private ForgedPacBuilder alice() {
    return ForgedPacBuilder.forClient("alice", authTime).domainSid(DOMAIN).userRid(1104)
        .groupRids(Sid.DOMAIN_ADMINS, 1105, Sid.DOMAIN_USERS)
        .extraSids(OTHER_DOMAIN + "-1201", "S-1-18-1")
        .resourceGroups(RESOURCE_DOMAIN, 1301)
        .upnDnsInfo("alice@forge.test", "FORGE.TEST");
  }

  private byte[] token(byte[] pac) {
    return fx.forge.apReq(fx.forge.ticket().client(ForgeFixture.CLIENT)
        .addAuthorizationData(1, ForgedPacBuilder.ifRelevant(pac)).build()).build().gssToken();
  }

  @Test
  void theVerifiedPacCarriesTheUserAndEveryGroup() throws RejectedException {
    ApEstablished est = fx.acceptor().accept(token(alice().build(fx.kitKey)), null);

    Pac pac = est.pac().orElseThrow();
    assertThat(pac.userSid()).isEqualTo(Sid.parse(DOMAIN + "-1104"));
    assertThat(pac.domainSid()).isEqualTo(Sid.parse(DOMAIN));
    assertThat(pac.primaryGroupSid()).isEqualTo(Sid.parse(DOMAIN).withRid(Sid.DOMAIN_USERS));
    assertThat(pac.groupSids()).extracting(Sid::toString).containsExactly(
        DOMAIN + "-513", DOMAIN + "-512", DOMAIN + "-1105", OTHER_DOMAIN + "-1201", "S-1-18-1",
        RESOURCE_DOMAIN + "-1301");
    assertThat(pac.groups()).hasSize(7);
    assertThat(pac.groups()).filteredOn(g -> g.source() == GroupMembership.Source.RESOURCE_GROUP)
        .singleElement().satisfies(g -> assertThat(g.attributes() & GroupMembership.RESOURCE)
            .isNotZero());
    assertThat(pac.logonName()).isEqualTo("alice");
    assertThat(pac.domainName()).isEqualTo("SAMDOM");
    assertThat(pac.upn()).hasValue("alice@forge.test");
    assertThat(pac.dnsDomainName()).hasValue("FORGE.TEST");
    assertThat(pac.samName()).hasValue("alice");
    assertThat(pac.upnDnsSid()).hasValue(pac.userSid());
    assertThat(pac.authTime()).isEqualTo(authTime);
    assertThat(pac.has(Sid.parse(DOMAIN).withRid(Sid.DOMAIN_ADMINS))).isTrue();
    assertThat(pac.toString()).isEqualTo("Pac[SAMDOM\\alice, " + DOMAIN + "-1104, 6 groups]");
  }

  @ParameterizedTest
  @EnumSource(AesEnctype.class)
  void theServerSignatureOfEveryAesEnctypeVerifies(AesEnctype enctype) throws RejectedException {
    ForgeFixture f = ForgeFixture.of(enctype, 5);
    byte[] pac = alice().build(f.kitKey);
    byte[] token = f.forge.withCrypto(ForgeCrypto.ours()).apReq(f.forge.withCrypto(
        ForgeCrypto.ours()).ticket().client(ForgeFixture.CLIENT)
        .addAuthorizationData(1, ForgedPacBuilder.ifRelevant(pac)).build()).build().gssToken();

    assertThat(f.acceptor().accept(token, null).pac().orElseThrow().userSid())
        .isEqualTo(Sid.parse(DOMAIN + "-1104"));
  }

  @Test
  void aTicketWithoutPacIsAcceptedUnlessOneIsRequired() throws RejectedException {
    assertThat(fx.acceptor().accept(fx.validToken(), null).pac()).isEmpty();

    ApAcceptor strict = fx.acceptor(fx.policy().requirePac(true).build());
    assertRejected(() -> strict.accept(fx.validToken(), null), Reason.PAC_REQUIRED,
        "carries no PAC", ForgeFixture.CLIENT);
  }

  @Test
  void theServerContextOfThePlainApiGivesThePacAndRequiresOne() throws RejectedException {
    dev.krb5gss.context.Acceptor acceptor = dev.krb5gss.context.Acceptor.builder()
        .keys(fx.keytab()).clock(fx.acceptorClock).requirePac(true).build();
    dev.krb5gss.context.ServerContext ctx = acceptor.newContext();

    ctx.accept(token(alice().build(fx.kitKey)));
    assertThat(ctx.pac().orElseThrow().userSid()).isEqualTo(Sid.parse(DOMAIN + "-1104"));

    dev.krb5gss.context.ServerContext none = acceptor.newContext();
    assertRejected(() -> none.accept(fx.validToken()), Reason.PAC_REQUIRED, "requires one");
    assertThat(none.state()).isEqualTo(dev.krb5gss.context.ContextState.FAILED);
  }

  @Test
  void aTamperedPacFailsTheServerSignatureAndNeverEntersTheReplayCache() {
    byte[] pac = alice().build(fx.kitKey);
    int[] logon = ForgedPacBuilder.find(pac, ForgedPacBuilder.LOGON_INFO);
    pac[logon[0] + logon[1] - 20] ^= 1;
    InMemoryReplayCache cache = new InMemoryReplayCache(fx.acceptorClock, 100);
    ApAcceptor acceptor = fx.acceptor(fx.policy().replayCache(cache).build());

    assertRejected(() -> acceptor.accept(token(pac), null), Reason.PAC_INVALID,
        "PAC check SERVER_SIGNATURE failed", "aes256-cts-hmac-sha1-96");
    assertThat(cache.size()).isZero();
  }

  @Test
  void aPacSignedWithAnotherKeyFailsTheServerSignature() {
    LongTermKey other = new LongTermKey(ForgeFixture.SERVICE, AesEnctype.AES256_CTS_HMAC_SHA1_96,
        3, ForgeCrypto.kerby().randomKey(AesEnctype.AES256_CTS_HMAC_SHA1_96));

    assertRejected(() -> fx.acceptor().accept(token(alice().build(other)), null),
        Reason.PAC_INVALID, "PAC check SERVER_SIGNATURE failed");
  }

  @Test
  void aPacSignedForAnAes128KeyDoesNotPassForTheAes256Ticket() {
    byte[] pac = ForgedPacBuilder.resign(alice().unsignedLayout(15), fx.kitKey);

    assertRejected(() -> fx.acceptor().accept(token(pac), null), Reason.PAC_INVALID,
        "PAC check SERVER_SIGNATURE failed", "expected checksum type 16", "got 15");
  }

  @Test
  void aPacOfAnotherClientFailsTheClientInfo() {
    byte[] pac = alice().clientInfoName("mallory").build(fx.kitKey);

    assertRejected(() -> fx.acceptor().accept(token(pac), null), Reason.PAC_INVALID,
        "PAC check CLIENT_INFO failed", "'alice'", "'mallory'");
  }

  @Test
  void aPacOfAnotherLogonFailsTheClientInfo() {
    byte[] pac = alice().clientInfoAuthTime(authTime.minusSeconds(3600)).build(fx.kitKey);

    assertRejected(() -> fx.acceptor().accept(token(pac), null), Reason.PAC_INVALID,
        "PAC check CLIENT_INFO failed", "another ticket");
  }

  @Test
  void aSamNameThatIsNotTheLogonNameFailsUpnDnsInfo() {
    byte[] pac = alice().logonName("admin").clientInfoName("alice").build(fx.kitKey);
    // UPN_DNS_INFO's SamName is written from the logon name; make them differ after the fact
    int[] upn = ForgedPacBuilder.find(pac, ForgedPacBuilder.UPN_DNS_INFO);
    int samOffset = le16(pac, upn[0] + 14);
    pac[upn[0] + samOffset] = 'b';
    byte[] resigned = ForgedPacBuilder.resign(pac, fx.kitKey);

    assertRejected(() -> fx.acceptor().accept(token(resigned), null), Reason.PAC_INVALID,
        "PAC check UPN_DNS_INFO failed", "'admin'", "'bdmin'");
  }

  @Test
  void aUpnDnsInfoSidThatIsNotTheUserSidFailsUpnDnsInfo() {
    byte[] pac = alice().build(fx.kitKey);
    int[] upn = ForgedPacBuilder.find(pac, ForgedPacBuilder.UPN_DNS_INFO);
    int sidOffset = le16(pac, upn[0] + 18);
    int sidLength = le16(pac, upn[0] + 16);
    pac[upn[0] + sidOffset + sidLength - 4] ^= 1; // the RID
    byte[] resigned = ForgedPacBuilder.resign(pac, fx.kitKey);

    assertRejected(() -> fx.acceptor().accept(token(resigned), null), Reason.PAC_INVALID,
        "PAC check UPN_DNS_INFO failed", DOMAIN + "-1104", DOMAIN + "-1105");
  }

  @Test
  void anNdrCountThatDisagreesWithItsArrayFailsTheLogonInfo() {
    byte[] pac = alice().build(fx.kitKey);
    int[] logon = ForgedPacBuilder.find(pac, ForgedPacBuilder.LOGON_INFO);
    // GroupCount: 16 bytes of headers, the referent, 6 FILETIMEs, 6 strings, 2 USHORTs, 2 RIDs
    int groupCount = logon[0] + 16 + 4 + 48 + 48 + 4 + 8;
    assertThat(le16(pac, groupCount)).isEqualTo(3);
    pac[groupCount] = 4;
    byte[] resigned = ForgedPacBuilder.resign(pac, fx.kitKey);

    assertRejected(() -> fx.acceptor().accept(token(resigned), null), Reason.PAC_INVALID,
        "PAC check LOGON_INFO failed", "MaximumCount 4 for GroupIds", "got 3");
  }

  @Test
  void aHugeNdrCountFailsTheLogonInfoWithoutAllocating() {
    byte[] pac = alice().build(fx.kitKey);
    int[] logon = ForgedPacBuilder.find(pac, ForgedPacBuilder.LOGON_INFO);
    int groupCount = logon[0] + 16 + 4 + 48 + 48 + 4 + 8;
    pac[groupCount + 3] = 0x7f;
    byte[] resigned = ForgedPacBuilder.resign(pac, fx.kitKey);

    assertRejected(() -> fx.acceptor().accept(token(resigned), null), Reason.PAC_INVALID,
        "PAC check LOGON_INFO failed", "GroupIds");
  }

  @Test
  void aNonNdrLogonInfoFailsTheLogonInfo() {
    byte[] pac = alice().build(fx.kitKey);
    int[] logon = ForgedPacBuilder.find(pac, ForgedPacBuilder.LOGON_INFO);
    pac[logon[0] + 1] = 0x00; // big-endian NDR
    byte[] resigned = ForgedPacBuilder.resign(pac, fx.kitKey);

    assertRejected(() -> fx.acceptor().accept(token(resigned), null), Reason.PAC_INVALID,
        "PAC check LOGON_INFO failed", "little-endian", "endianness 0x0");
  }

  @Test
  void aDomainSidWithoutRoomForARidFailsTheLogonInfo() {
    byte[] pac = ForgedPacBuilder.forClient("alice", authTime)
        .domainSid("S-1-5-21-1-2-3-4-5-6-7-8-9-10-11-12-13-14").build(fx.kitKey);

    assertRejected(() -> fx.acceptor().accept(token(pac), null), Reason.PAC_INVALID,
        "PAC check LOGON_INFO failed", "at most 14 sub-authorities");
  }

  @Test
  void aControlCharacterInTheAccountNameFailsTheLogonInfo() {
    byte[] pac = alice().logonName("ali\nce").samNameExtension(false).build(fx.kitKey);

    assertRejected(() -> fx.acceptor().accept(token(pac), null), Reason.PAC_INVALID,
        "PAC check LOGON_INFO failed", "no control characters in EffectiveName", "U+000A");
  }

  @Test
  void attributesAndRequestorAreDecodedWhenPresent() throws RejectedException {
    byte[] pac = alice().extraBuffer(17, new byte[] {2, 0, 0, 0, 1, 0, 0, 0})
        .extraBuffer(18, Sid.parse(DOMAIN + "-1104").toBytes()).build(fx.kitKey);

    Pac verified = fx.acceptor().accept(token(pac), null).pac().orElseThrow();
    assertThat(verified.attributesFlags()).hasValue(1);
    assertThat(verified.requestorSid()).hasValue(Sid.parse(DOMAIN + "-1104"));
    assertThat(fx.acceptor().accept(token(alice().build(fx.kitKey)), null).pac().orElseThrow()
        .requestorSid()).isEmpty();
  }

  @Test
  void aRequestorThatIsNoSidFailsItsCheck() {
    byte[] pac = alice().extraBuffer(18, new byte[] {1, 4, 0, 0, 0, 0, 0, 5, 21, 0, 0, 0})
        .build(fx.kitKey);

    assertRejected(() -> fx.acceptor().accept(token(pac), null), Reason.PAC_INVALID,
        "PAC check ATTRIBUTES_AND_REQUESTOR failed", "PAC_REQUESTOR");
  }

  @Test
  void attributesOfTheWrongSizeFailTheirCheck() {
    byte[] pac = alice().extraBuffer(17, new byte[] {40, 0, 0, 0, 1, 0, 0, 0}).build(fx.kitKey);

    assertRejected(() -> fx.acceptor().accept(token(pac), null), Reason.PAC_INVALID,
        "PAC check ATTRIBUTES_AND_REQUESTOR failed", "FlagsLength 40 in 8 bytes");
  }

  @Test
  void aKdcSignatureWithAnRodcIdentifierVerifies() throws RejectedException {
    byte[] pac = alice().rodcIdentifier(0x1234).build(fx.kitKey);
    int[] kdc = ForgedPacBuilder.find(pac, 7);
    assertThat(kdc[1]).isEqualTo(18);
    assertThat(le16(pac, kdc[0] + 16)).isEqualTo(0x1234);

    assertThat(fx.acceptor().accept(token(pac), null).pac()).isPresent();
  }

  @Test
  void unknownBufferTypesAreKeptAndIgnored() throws RejectedException {
    byte[] pac = alice().extraBuffer(0x4000, new byte[] {1, 2, 3}).build(fx.kitKey);

    Pac verified = fx.acceptor().accept(token(pac), null).pac().orElseThrow();
    assertThat(verified.bufferTypes()).contains(0x4000, 1, 6, 7, 10, 12);
  }

  @Test
  void aSecondLogonInfoIsRefused() {
    byte[] pac = alice().extraBuffer(1, new byte[8]).build(fx.kitKey);

    assertRejected(() -> fx.acceptor().accept(token(pac), null), Reason.PAC_INVALID,
        "PAC check BUFFER_SET failed", "KERB_VALIDATION_INFO(1)");
  }

  /**
   * MIT krb5 1.20+ KDCs put a PAC without KERB_VALIDATION_INFO in every ticket: it is verified
   * (a tampered one is refused) but carries no Windows identity, so there is no {@link Pac} and
   * an acceptor that requires one refuses the ticket.
   */
  @Test
  void aVerifiedPacWithoutLogonInfoGivesNoPacAndDoesNotSatisfyRequirePac()
      throws RejectedException {
    byte[] pac = alice().build(fx.kitKey);
    pac[8] = 0x55; // buffer 0's type: KERB_VALIDATION_INFO -> unknown
    byte[] minimal = ForgedPacBuilder.resign(pac, fx.kitKey);

    assertThat(fx.acceptor().accept(token(minimal), null).pac()).isEmpty();
    ApAcceptor strict = fx.acceptor(fx.policy().requirePac(true).build());
    assertRejected(() -> strict.accept(token(minimal), null), Reason.PAC_REQUIRED,
        "without the Windows logon info");
    byte[] tampered = minimal.clone();
    int[] client = ForgedPacBuilder.find(tampered, ForgedPacBuilder.CLIENT_INFO);
    tampered[client[0] + 10] ^= 1;
    assertRejected(() -> fx.acceptor().accept(token(tampered), null), Reason.PAC_INVALID,
        "PAC check SERVER_SIGNATURE failed");
  }

  @Test
  void twoPacsInOneTicketAreRefused() {
    byte[] pac = alice().build(fx.kitKey);
    byte[] token = fx.forge.apReq(fx.forge.ticket().client(ForgeFixture.CLIENT)
        .addAuthorizationData(1, ForgedPacBuilder.ifRelevant(pac))
        .addAuthorizationData(1, ForgedPacBuilder.ifRelevant(pac)).build()).build().gssToken();

    assertRejected(() -> fx.acceptor().accept(token, null), Reason.PAC_INVALID,
        "PAC check AUTHORIZATION_DATA failed", "at most one AD-WIN2K-PAC, got 2");
  }

  @Test
  void otherAuthorizationDataIsNotAPac() throws RejectedException {
    byte[] token = fx.forge.apReq(fx.forge.ticket().client(ForgeFixture.CLIENT)
        .addAuthorizationData(141, new byte[] {1, 2, 3}).build()).build().gssToken();

    assertThat(fx.acceptor().accept(token, null).pac()).isEmpty();
  }

  private static int le16(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
  }

  private static void assertRejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
      Reason reason, String... fragments) {
    assertThatThrownBy(call).isInstanceOfSatisfying(RejectedException.class, e -> {
      assertThat(e.reason()).isEqualTo(reason);
      assertThat(e.getMessage()).contains(fragments);
    });
  }
}
