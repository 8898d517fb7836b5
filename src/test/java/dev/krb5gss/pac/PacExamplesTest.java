package dev.krb5gss.pac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.crypto.CipherKey;
import dev.krb5gss.crypto.CryptoProfiles;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.crypto.SecretBytes;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.name.PrincipalName;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Two more public PACs, as the authorization data that carries them:
 *
 * <ul>
 *   <li>MS-PAC §3 "Structure Examples": the annotated PAC of user lzhu in NTDEV (26 groups, 13
 *       extra SIDs). Microsoft publishes no key for it, so it checks the parser and the NDR
 *       decoder against the spec's own bytes, and that no key passes it off as verified.
 *   <li>A PAC from a Windows Server AD (TEST.GOKRB5) published with the service's keytab in the
 *       test data of gokrb5 (Apache-2.0, {@code v8/test/testdata/test_vectors.go}): verified end to
 *       end with that aes256 key.
 *   <li>A PAC captured from a Samba 4.17 AD DC (Debian) on this project's machines: alice in group
 *       "inner", nested in "outer", ticket for HTTP/web.samdom.test (aes256, kvno 3) obtained by
 *       the JDK's initiator from alice's MIT ticket cache; it carries the ticket (16) and full-PAC
 *       (19) signatures of the post-2021 KDCs and UPN_DNS_INFO with the SAM name + SID extension.
 * </ul>
 */
class PacExamplesTest {
  private static final String NTDEV = "S-1-5-21-397955417-626881126-188441444";
  private static final String GOKRB5 = "S-1-5-21-3167651404-3865080224-2280184895";
  /** The aes256 key of sysHTTP@TEST.GOKRB5 from gokrb5's KEYTAB_SYSHTTP_TEST_GOKRB5. */
  private static final String SYSHTTP_KEY =
      "43763702868978d1b6d91a36704b987e27e517250055bdfc40b8a6b3848d9aae";
  private static final PrincipalName TESTUSER1 =
      PrincipalName.of(1, List.of("testuser1"), "TEST.GOKRB5");
  private static final Instant TESTUSER1_AUTHTIME = Instant.ofEpochSecond(1494085991);

  private static byte[] msExamplePac() throws RejectedException {
    return pacOf(PacVectors.load("/vectors/pac/ms-pac-3-example.authz.hex"));
  }

  /** A copy of the PAC in {@code authz}, which must hold one. */
  private static byte[] pacOf(byte[] authz) throws RejectedException {
    long found = PacAuthorizationData.find(authz);
    assertThat(found).as("a PAC in the authorization data").isNotEqualTo(PacAuthorizationData.NONE);
    int at = PacAuthorizationData.offset(found);
    return java.util.Arrays.copyOfRange(authz, at, at + PacAuthorizationData.length(found));
  }

  private static CipherKey key(EncType type, String hex) {
    return CryptoProfiles.of(type).orElseThrow()
        .key(SecretBytes.copyOf(HexFormat.of().parseHex(hex)));
  }

  @Test
  void theMsPacExampleDecodesAsTheSpecAnnotatesIt() throws RejectedException {
    PacLayout layout = PacLayout.parse(msExamplePac());
    assertThat(layout.buffers()).extracting(PacLayout.Buffer::type).containsExactly(1, 10, 6, 7);

    ClientInfo client = ClientInfo.parse(layout);
    assertThat(client.name()).isEqualTo("lzhu");
    assertThat(client.authTime()).isEqualTo(Instant.parse("2006-04-28T01:42:50Z"));
    LogonInfo logon = LogonInfoDecoder.decode(layout);
    assertThat(logon.effectiveName()).isEqualTo("lzhu");
    assertThat(logon.fullName()).isEqualTo("Liqiang(Larry) Zhu");
    assertThat(logon.logonScript()).isEqualTo("ntds2.bat");
    assertThat(logon.logonServer()).isEqualTo("NTDEV-DC-05");
    assertThat(logon.logonDomainName()).isEqualTo("NTDEV");
    assertThat(logon.userSid()).isEqualTo(Sid.parse(NTDEV + "-2914711"));
    assertThat(logon.logonCount()).isEqualTo(4180);
    assertThat(logon.userFlags()).isEqualTo(0x20);
    assertThat(logon.groups()).filteredOn(g -> g.source() == GroupMembership.Source.DOMAIN_GROUP)
        .hasSize(26);
    assertThat(logon.groups()).filteredOn(g -> g.source() == GroupMembership.Source.EXTRA_SID)
        .hasSize(13).first().extracting(GroupMembership::sid)
        .isEqualTo(Sid.parse("S-1-5-21-773533881-1816936887-355810188-513"));
    assertThat(UpnDnsInfo.parse(layout)).isNull();
  }

  @Test
  void noKeyPassesTheMsPacExampleOffAsVerified() {
    CipherKey guess = key(EncType.RC4_HMAC, "00112233445566778899aabbccddeeff");
    PrincipalName lzhu = PrincipalName.of(1, List.of("lzhu"), "NTDEV.CORP.MICROSOFT.COM");

    assertRejected(() -> PacVerifier.verifyPac(msExamplePac(), lzhu,
        Instant.parse("2006-04-28T01:42:50Z"), guess), PacCheck.SERVER_SIGNATURE,
        "does not verify with the service key (rc4-hmac)");
  }

  @Test
  void theMsPacExampleWithAGroupCountChangedFailsTheNdrDecoder() throws RejectedException {
    byte[] pac = msExamplePac();
    int at = indexOf(pac, HexFormat.of().parseHex("1a00000061c43300")); // MaxCount 26, RID 1
    pac[at] = 0x1b;

    assertRejected(() -> LogonInfoDecoder.decode(PacLayout.parse(pac)), PacCheck.LOGON_INFO,
        "MaximumCount 26 for GroupIds", "got 27");
  }

  @Test
  void theMsPacExampleWithAStringCountChangedFailsTheNdrDecoder() throws RejectedException {
    byte[] pac = msExamplePac();
    // EffectiveName's deferred array: MaximumCount 4, Offset 0, ActualCount 4, "lz"
    int at = indexOf(pac, HexFormat.of().parseHex("0400000000000000040000006c007a00"));
    pac[at + 8] = 0x05; // ActualCount 4 -> 5

    assertRejected(() -> LogonInfoDecoder.decode(PacLayout.parse(pac)), PacCheck.LOGON_INFO,
        "EffectiveName", "ActualCount 5");
  }

  @Test
  void theMsPacExampleWithAClientNameLengthChangedFailsTheClientInfo() throws RejectedException {
    byte[] pac = msExamplePac();
    PacLayout layout = PacLayout.parse(pac);
    pac[layout.offset(layout.require(PacBufferType.CLIENT_INFO)) + 8] = 0x0a;

    assertRejected(() -> ClientInfo.parse(PacLayout.parse(pac)), PacCheck.CLIENT_INFO,
        "expected 20 bytes", "got 18");
  }

  @Test
  void aWindowsAdPacVerifiesWithItsServiceKey() throws RejectedException {
    byte[] authz = PacVectors.load("/vectors/pac/gokrb5-ad.authz.hex");

    Pac pac = PacVerifier.verify(authz, TESTUSER1, TESTUSER1_AUTHTIME,
        key(EncType.AES256_CTS_HMAC_SHA1_96, SYSHTTP_KEY)).orElseThrow();

    assertThat(pac.userSid()).isEqualTo(Sid.parse(GOKRB5 + "-1105"));
    assertThat(pac.logonName()).isEqualTo("testuser1");
    assertThat(pac.fullName()).isEqualTo("Test1 User1");
    assertThat(pac.domainName()).isEqualTo("TEST");
    assertThat(pac.logonServer()).isEqualTo("ADDC");
    assertThat(pac.upn()).hasValue("testuser1@test.gokrb5");
    assertThat(pac.dnsDomainName()).hasValue("TEST.GOKRB5");
    assertThat(pac.groupSids()).extracting(Sid::toString).containsExactly(GOKRB5 + "-513",
        GOKRB5 + "-1108", GOKRB5 + "-1109", GOKRB5 + "-1115", GOKRB5 + "-1116",
        GOKRB5 + "-1114", GOKRB5 + "-1111");
    assertThat(pac.groups()).hasSize(8);
    assertThat(pac.bufferTypes()).containsExactly(1, 10, 12, 6, 7);
  }

  @Test
  void theWindowsAdPacWithOneByteChangedFailsTheServerSignature() {
    byte[] authz = PacVectors.load("/vectors/pac/gokrb5-ad.authz.hex");
    int at = indexOf(authz, "testuser1@test".getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
    authz[at] = 'T';

    assertRejected(() -> PacVerifier.verify(authz, TESTUSER1, TESTUSER1_AUTHTIME,
        key(EncType.AES256_CTS_HMAC_SHA1_96, SYSHTTP_KEY)), PacCheck.SERVER_SIGNATURE,
        "aes256-cts-hmac-sha1-96");
  }

  @Test
  void theWindowsAdPacInBrokenDerFailsTheAuthorizationData() {
    byte[] authz = PacVectors.load("/vectors/pac/gokrb5-ad.authz.hex");
    authz[1] = (byte) 0x83; // the outer length now claims more octets than there are

    assertRejected(() -> PacVerifier.verify(authz, TESTUSER1, TESTUSER1_AUTHTIME,
        key(EncType.AES256_CTS_HMAC_SHA1_96, SYSHTTP_KEY)), PacCheck.AUTHORIZATION_DATA,
        "not valid DER");
  }

  private static final String SAMDOM = "S-1-5-21-1570098528-2314262623-3997858535";
  /** The aes256 key of HTTP/web.samdom.test@SAMDOM.TEST (kvno 3) of the captured test domain. */
  private static final String SAMBA_HTTP_KEY =
      "c9afdc08632f0c67811682d4a377db0e40aeb4703ea8b23c711b81bef11f0b8d";
  private static final PrincipalName SAMBA_ALICE =
      PrincipalName.of(1, List.of("alice"), "SAMDOM.TEST");
  private static final Instant SAMBA_AUTHTIME = Instant.ofEpochSecond(1796620155);

  @Test
  void aSambaAdPacVerifiesWithItsServiceKey() throws RejectedException {
    byte[] authz = PacVectors.load("/vectors/pac/samba-4.17-ad.authz.hex");

    Pac pac = PacVerifier.verify(authz, SAMBA_ALICE, SAMBA_AUTHTIME,
        key(EncType.AES256_CTS_HMAC_SHA1_96, SAMBA_HTTP_KEY)).orElseThrow();

    assertThat(pac.bufferTypes()).containsExactly(1, 10, 12, 6, 7, 16, 19);
    assertThat(pac.userSid()).isEqualTo(Sid.parse(SAMDOM + "-1102"));
    assertThat(pac.groupSids()).extracting(Sid::toString).containsExactly(SAMDOM + "-513",
        SAMDOM + "-1104", SAMDOM + "-1105", "S-1-18-1");
    assertThat(pac.logonName()).isEqualTo("alice");
    assertThat(pac.domainName()).isEqualTo("SAMDOM");
    assertThat(pac.upn()).hasValue("alice@samdom.test");
    assertThat(pac.dnsDomainName()).hasValue("SAMDOM.TEST");
    assertThat(pac.samName()).hasValue("alice");
    assertThat(pac.upnDnsSid()).hasValue(pac.userSid());
  }

  @Test
  void theSambaAdPacWithOneByteChangedIsRejected() throws RejectedException {
    byte[] authz = PacVectors.load("/vectors/pac/samba-4.17-ad.authz.hex");
    byte[] pac = pacOf(authz);
    int pacAt = indexOf(authz, pac);
    PacLayout layout = PacLayout.parse(pac);
    int full = layout.offset(layout.require(PacBufferType.FULL_CHECKSUM));
    byte[] signed = authz.clone();
    signed[indexOf(authz, "alice@samdom".getBytes(java.nio.charset.StandardCharsets.UTF_16LE))]
        = 'A' + 1;
    byte[] shape = authz.clone();
    shape[pacAt + full] = 0x11; // full checksum type 16 -> 17: not a PAC checksum type

    CipherKey k = key(EncType.AES256_CTS_HMAC_SHA1_96, SAMBA_HTTP_KEY);
    assertRejected(() -> PacVerifier.verify(signed, SAMBA_ALICE, SAMBA_AUTHTIME, k),
        PacCheck.SERVER_SIGNATURE, "does not verify");
    assertRejected(() -> PacVerifier.verify(shape, SAMBA_ALICE, SAMBA_AUTHTIME, k),
        PacCheck.KDC_SIGNATURE, "full PAC checksum(19)", "got 17");
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("pattern not found in the vector");
  }

  private static void assertRejected(ThrowingCallable call, PacCheck check, String... fragments) {
    assertThatThrownBy(call).isInstanceOfSatisfying(RejectedException.class, e -> {
      assertThat(e.reason()).isEqualTo(Reason.PAC_INVALID);
      assertThat(e.getMessage()).startsWith("PAC_INVALID: PAC check " + check.name() + " failed")
          .contains(fragments);
    });
  }
}
