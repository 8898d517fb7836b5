package dev.krb5gss.pac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.name.PrincipalName;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MIT krb5's public PAC vectors (t_pac.c: a Windows 2003 PAC from Samba's torture suite and four
 * Windows 2008 S4U2Self PACs) verified with the service keys published with them, then decoded;
 * and each with one byte changed, rejected with the check named.
 */
class PacVectorsTest {

  static Stream<PacVectors.Vector> vectors() {
    return PacVectors.ALL.values().stream().sorted((a, b) -> a.name().compareTo(b.name()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void verifiesAndDecodes(PacVectors.Vector v) throws RejectedException {
    byte[] bytes = v.pac();
    byte[] before = bytes.clone();
    Pac pac = PacVerifier.verifyPac(bytes, v.principal(), v.ticketAuthTime(), v.serviceKey())
        .orElseThrow();
    // The signatures are zeroed in place for the checksum, then put back.
    assertThat(bytes).isEqualTo(before);

    assertThat(pac.userSid()).isEqualTo(Sid.parse(v.userSid()));
    assertThat(pac.logonName()).isEqualTo(v.logonName());
    assertThat(pac.domainName()).isEqualTo(v.domainName());
    assertThat(pac.logonServer()).isEqualTo(v.logonServer());
    assertThat(pac.upn()).isEqualTo(v.upn().equals("-") ? java.util.Optional.empty()
        : java.util.Optional.of(v.upn()));
    assertThat(pac.dnsDomainName().orElse("-")).isEqualTo(v.dnsDomain());
    assertThat(pac.groupSids()).extracting(Sid::toString).isEqualTo(v.groupSids());
    assertThat(pac.authTime().getEpochSecond()).isEqualTo(v.authTime());
    assertThat(pac.toString()).contains(v.logonName()).doesNotContain(v.key());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void aWrongServiceKeyFailsTheServerSignature(PacVectors.Vector v) {
    byte[] other = v.serviceKey().secret().toByteArray();
    other[0] ^= 1;
    var key = dev.krb5gss.crypto.CryptoProfiles.of(v.serviceKey().encType()).orElseThrow()
        .key(dev.krb5gss.crypto.SecretBytes.copyOf(other));

    assertThatThrownBy(() -> PacVerifier.verifyPac(v.pac(), v.principal(), v.ticketAuthTime(), key))
        .isInstanceOfSatisfying(RejectedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.PAC_INVALID);
          assertThat(e.getMessage()).contains("PAC check SERVER_SIGNATURE failed")
              .doesNotContain(v.key().toLowerCase()).doesNotContain(v.key());
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void anotherClientFailsTheClientInfo(PacVectors.Vector v) {
    PrincipalName bob = PrincipalName.of(1, List.of("bob"), v.realm());

    assertThatThrownBy(() -> PacVerifier.verifyPac(v.pac(), bob, v.ticketAuthTime(),
        v.serviceKey()))
        .isInstanceOfSatisfying(RejectedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.PAC_INVALID);
          assertThat(e.getMessage()).contains("PAC check CLIENT_INFO failed")
              .contains("'bob'");
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void anotherAuthTimeFailsTheClientInfo(PacVectors.Vector v) {
    assertThatThrownBy(() -> PacVerifier.verifyPac(v.pac(), v.principal(),
        v.ticketAuthTime().plusSeconds(1), v.serviceKey()))
        .isInstanceOfSatisfying(RejectedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.PAC_INVALID);
          assertThat(e.getMessage()).contains("PAC check CLIENT_INFO failed")
              .contains("authtime");
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void theClientNameComparesWithoutCase(PacVectors.Vector v) throws RejectedException {
    PrincipalName upper = PrincipalName.of(v.nameType(),
        List.of(v.client().toUpperCase(java.util.Locale.ROOT)), v.realm());

    assertThat(PacVerifier.verifyPac(v.pac(), upper, v.ticketAuthTime(), v.serviceKey())
        .orElseThrow().userSid()).isEqualTo(Sid.parse(v.userSid()));
  }

  static Stream<Arguments> tampered() {
    return PacVectors.lines("/vectors/pac/pac-tampered.csv").stream()
        .map(l -> l.split("\\|", -1))
        .map(c -> Arguments.of(c[0], Integer.parseInt(c[1]), Integer.parseInt(c[2], 16),
            PacCheck.valueOf(c[3]), c[4]));
  }

  @ParameterizedTest(name = "{0} byte {1} -> {2}: {4}")
  @MethodSource("tampered")
  void oneByteChangedIsRejectedWithTheCheckNamed(String name, int offset, int value,
      PacCheck check, String what) {
    PacVectors.Vector v = PacVectors.ALL.get(name);
    byte[] pac = v.pac();
    assertThat(pac[offset] & 0xff).as("the byte must change").isNotEqualTo(value);
    pac[offset] = (byte) value;

    assertThatThrownBy(() -> PacVerifier.verifyPac(pac, v.principal(), v.ticketAuthTime(),
        v.serviceKey()))
        .isInstanceOfSatisfying(RejectedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.PAC_INVALID);
          assertThat(e.getMessage()).startsWith("PAC_INVALID: PAC check " + check.name() + " failed");
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void theKdcSignatureBytesAreNotCoveredByTheServerSignature(PacVectors.Vector v)
      throws RejectedException {
    byte[] pac = v.pac();
    int kdcOffset = kdcSignatureOffset(pac);
    pac[kdcOffset + 4] ^= 0x55;

    assertThat(PacVerifier.verifyPac(pac, v.principal(), v.ticketAuthTime(), v.serviceKey())
        .orElseThrow().userSid()).isEqualTo(Sid.parse(v.userSid()));
  }

  /**
   * The saved PAC of Samba's torture suite comes with the krbtgt key too (t_pac.c
   * {@code kdc_keyblock}): the KDC signature is the krbtgt key's checksum over the server
   * Signature (MS-PAC §2.8.2), which confirms where {@link PacSignature} finds both fields.
   */
  @org.junit.jupiter.api.Test
  void theSavedPacsKdcSignatureIsTheKrbtgtChecksumOverTheServerSignature()
      throws RejectedException {
    byte[] pac = PacVectors.ALL.get("mit-saved-pac").pac();
    PacLayout layout = PacLayout.parse(pac);
    PacSignature server = PacSignature.parse(layout,
        layout.require(PacBufferType.SERVER_CHECKSUM), PacCheck.SERVER_SIGNATURE);
    PacSignature kdc = PacSignature.parse(layout,
        layout.require(PacBufferType.PRIVSVR_CHECKSUM), PacCheck.KDC_SIGNATURE);
    var rc4 = dev.krb5gss.crypto.CryptoProfiles.of(dev.krb5gss.crypto.EncType.RC4_HMAC)
        .orElseThrow();
    var krbtgt = rc4.key(dev.krb5gss.crypto.SecretBytes.copyOf(
        java.util.HexFormat.of().parseHex("b286757148af7fd252c53603a150b7e7")));

    byte[] serverSignature = server.signature(pac);
    assertThat(rc4.checksum(krbtgt, ServerSignature.KEY_USAGE, serverSignature, 0,
        serverSignature.length)).isEqualTo(kdc.signature(pac));
    assertThat(kdc.type()).isEqualTo(-138);
    assertThat(kdc.rodc()).isFalse();
  }

  private static int kdcSignatureOffset(byte[] pac) throws RejectedException {
    PacLayout layout = PacLayout.parse(pac);
    return layout.offset(layout.require(PacBufferType.PRIVSVR_CHECKSUM));
  }
}
