package dev.krb5gss.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link CryptoProfile#checksumZeroing} equals the checksum of a copy with the ranges zeroed. */
class ChecksumZeroingTest {
  @ParameterizedTest
  @ValueSource(ints = {17, 18, 19, 20, 23})
  void equalsTheChecksumOfAZeroedCopyAndLeavesTheDataAlone(int etype) {
    CryptoProfile profile = CryptoProfiles.of(EncType.of(etype)).orElseThrow();
    CipherKey key = profile.randomKey();
    SplittableRandom random = new SplittableRandom(etype);
    for (int i = 0; i < 500; i++) {
      int length = random.nextInt(0, 400);
      byte[] data = new byte[length + 20];
      random.nextBytes(data);
      int offset = random.nextInt(0, 20);
      int[] cut = random.ints(4, offset, offset + length + 1).sorted().toArray();
      boolean swap = random.nextBoolean();
      int from1 = swap ? cut[2] : cut[0];
      int to1 = swap ? cut[3] : cut[1];
      int from2 = swap ? cut[0] : cut[2];
      int to2 = swap ? cut[1] : cut[3];
      byte[] before = data.clone();
      byte[] zeroed = Arrays.copyOfRange(data, offset, offset + length);
      Arrays.fill(zeroed, from1 - offset, to1 - offset, (byte) 0);
      Arrays.fill(zeroed, from2 - offset, to2 - offset, (byte) 0);
      assertThat(profile.checksumZeroing(key, 17, data, offset, length, from1, to1, from2, to2))
          .isEqualTo(profile.checksum(key, 17, zeroed, 0, zeroed.length));
      assertThat(data).isEqualTo(before);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {17, 23})
  void refusesRangesOutsideTheDataOrOverlapping(int etype) {
    CryptoProfile profile = CryptoProfiles.of(EncType.of(etype)).orElseThrow();
    CipherKey key = profile.randomKey();
    byte[] data = new byte[100];
    assertThatThrownBy(() -> profile.checksumZeroing(key, 17, data, 10, 50, 5, 12, 20, 30))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> profile.checksumZeroing(key, 17, data, 10, 50, 20, 30, 55, 61))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> profile.checksumZeroing(key, 17, data, 10, 50, 20, 30, 25, 35))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
