package dev.krb5gss.pac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.crypto.CipherKey;
import dev.krb5gss.crypto.CryptoProfiles;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An attacker's view: every byte of every vector PAC changed (to 0x00, 0xff and +1), and the PAC
 * re-signed with the service key, so the change reaches the decoders behind the signature
 * (NDR, client info, UPN_DNS_INFO) as if a KDC had signed it. Each outcome must be a verified PAC
 * or a PAC_INVALID rejection: never another exception, never a hang.
 */
class PacRobustnessTest {

  static Stream<PacVectors.Vector> vectors() {
    return PacVectors.ALL.values().stream().sorted((a, b) -> a.name().compareTo(b.name()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void everyChangedByteIsVerifiedOrRejectedAsPacInvalid(PacVectors.Vector v) {
    byte[] original = v.pac();
    CipherKey key = v.serviceKey();
    Map<PacCheck, Integer> failures = new EnumMap<>(PacCheck.class);
    int accepted = 0;
    for (int i = 0; i < original.length; i++) {
      for (int value : new int[] {0x00, 0xff, (original[i] + 1) & 0xff}) {
        if ((original[i] & 0xff) == value) {
          continue;
        }
        byte[] pac = original.clone();
        pac[i] = (byte) value;
        resign(pac, key);
        try {
          PacVerifier.verifyPac(pac, v.principal(), v.ticketAuthTime(), key);
          accepted++;
        } catch (RejectedException e) {
          assertThat(e.reason()).as("byte %d -> %02x: %s", i, value, e.getMessage())
              .isEqualTo(Reason.PAC_INVALID);
          failures.merge(PacCheck.valueOf(e.getMessage().split(" ")[3]), 1, Integer::sum);
        }
      }
    }
    assertThat(failures).containsKeys(PacCheck.PACTYPE, PacCheck.BUFFER_LAYOUT,
        PacCheck.CLIENT_INFO, PacCheck.LOGON_INFO);
    assertThat(accepted).as("changes the checks cannot see (names, times, padding)").isPositive();
  }

  /**
   * The same for a PAC with every part the vectors lack: ExtraSids, resource groups, UPN_DNS_INFO
   * with the SAM name + SID extension, an unknown buffer (built by the test kit's builder).
   */
  @org.junit.jupiter.api.Test
  void everyChangedByteOfARichPacIsVerifiedOrRejectedAsPacInvalid() throws RejectedException {
    byte[] keyBytes = new byte[32];
    java.util.Arrays.fill(keyBytes, (byte) 7);
    var kitKey = new dev.krb5gss.testkit.LongTermKey("HTTP/www.example.com@EXAMPLE.COM",
        dev.krb5gss.testkit.AesEnctype.AES256_CTS_HMAC_SHA1_96, 1, keyBytes);
    CipherKey key = CryptoProfiles.of(dev.krb5gss.crypto.EncType.AES256_CTS_HMAC_SHA1_96)
        .orElseThrow().key(dev.krb5gss.crypto.SecretBytes.copyOf(keyBytes));
    java.time.Instant authTime = java.time.Instant.parse("2026-11-26T12:00:00Z");
    byte[] original = dev.krb5gss.testkit.ForgedPacBuilder.forClient("alice", authTime)
        .domainSid("S-1-5-21-1-2-3").userRid(1104).groupRids(512, 1105)
        .extraSids("S-1-5-21-4-5-6-1201", "S-1-18-1").resourceGroups("S-1-5-21-7-8-9", 1301, 1302)
        .upnDnsInfo("alice@example.com", "EXAMPLE.COM").extraBuffer(0x4000, new byte[] {1, 2, 3})
        .build(kitKey);
    var alice = dev.krb5gss.name.PrincipalName.of(1, java.util.List.of("alice"), "EXAMPLE.COM");
    assertThat(PacVerifier.verifyPac(original, alice, authTime, key).orElseThrow().groupSids())
        .hasSize(7);

    Map<PacCheck, Integer> failures = new EnumMap<>(PacCheck.class);
    for (int i = 0; i < original.length; i++) {
      for (int value : new int[] {0x00, 0xff, (original[i] + 1) & 0xff}) {
        if ((original[i] & 0xff) == value) {
          continue;
        }
        byte[] pac = original.clone();
        pac[i] = (byte) value;
        resign(pac, key);
        try {
          PacVerifier.verifyPac(pac, alice, authTime, key);
        } catch (RejectedException e) {
          assertThat(e.reason()).as("byte %d -> %02x: %s", i, value, e.getMessage())
              .isEqualTo(Reason.PAC_INVALID);
          failures.merge(PacCheck.valueOf(e.getMessage().split(" ")[3]), 1, Integer::sum);
        }
      }
    }
    assertThat(failures).containsKeys(PacCheck.LOGON_INFO, PacCheck.UPN_DNS_INFO,
        PacCheck.CLIENT_INFO, PacCheck.BUFFER_LAYOUT);
  }

  /** The server signature recomputed as a KDC would (MS-PAC §2.8), when the layout still parses. */
  private static void resign(byte[] pac, CipherKey key) {
    PacLayout layout;
    PacSignature server;
    PacSignature kdc;
    try {
      layout = PacLayout.parse(pac);
      server = PacSignature.parse(layout, layout.require(PacBufferType.SERVER_CHECKSUM),
          PacCheck.SERVER_SIGNATURE);
      kdc = PacSignature.parse(layout, layout.require(PacBufferType.PRIVSVR_CHECKSUM),
          PacCheck.KDC_SIGNATURE);
    } catch (RejectedException e) {
      return;
    }
    var profile = CryptoProfiles.of(key.encType()).orElseThrow();
    if (server.type() != profile.checksumType()) {
      return;
    }
    // Zeroed in a copy here, independently of the verifier's checksumZeroing: everything after
    // SignatureType of both signatures (the layout is of the whole array: positions are offsets).
    byte[] zeroed = Arrays.copyOf(pac, pac.length);
    Arrays.fill(zeroed, server.signatureAt(), server.fieldEnd(), (byte) 0);
    Arrays.fill(zeroed, kdc.signatureAt(), kdc.fieldEnd(), (byte) 0);
    byte[] sig = profile.checksum(key, ServerSignature.KEY_USAGE, zeroed, 0, zeroed.length);
    System.arraycopy(sig, 0, pac, server.signatureAt(), sig.length);
  }
}
