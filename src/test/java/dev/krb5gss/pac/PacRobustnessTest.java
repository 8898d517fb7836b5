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
    byte[] zeroed = Arrays.copyOf(pac, pac.length);
    server.zero(zeroed);
    kdc.zero(zeroed);
    byte[] sig = profile.checksum(key, ServerSignature.KEY_USAGE, zeroed, 0, zeroed.length);
    System.arraycopy(sig, 0, pac, server.signatureOffset(), sig.length);
  }
}
