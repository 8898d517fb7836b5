package dev.krb5gss.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link CryptoProfile#encryptInto} against {@link CryptoProfile#decrypt}, for every profile. */
class EncryptIntoTest {
  @ParameterizedTest
  @ValueSource(ints = {17, 18, 19, 20, 23})
  void encryptsIntoARangeThatDecryptsBack(int etype) throws Exception {
    CryptoProfile profile = CryptoProfiles.of(EncType.of(etype)).orElseThrow();
    CipherKey key = profile.randomKey();
    for (int length : new int[] {0, 1, 15, 16, 17, 100, 1024, 3000}) {
      byte[] data = new byte[length + 10];
      Arrays.fill(data, (byte) 0x5a);
      byte[] plain = ("x".repeat(length)).getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(plain, 0, data, 3, length);
      int n = length + profile.encryptionOverhead();
      byte[] out = new byte[n + 40];
      Arrays.fill(out, (byte) 0x33);
      profile.encryptInto(key, 12, data, 3, length, out, 20);
      // Nothing outside the range is touched.
      for (int i = 0; i < 20; i++) {
        assertThat(out[i]).isEqualTo((byte) 0x33);
      }
      for (int i = 20 + n; i < out.length; i++) {
        assertThat(out[i]).isEqualTo((byte) 0x33);
      }
      assertThat(profile.decrypt(key, 12, out, 20, n)).isEqualTo(plain);
      assertThatThrownBy(() -> profile.decrypt(key, 11, out, 20, n))
          .isInstanceOf(IntegrityException.class);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {17, 18, 19, 20})
  void eachEncryptionHasItsOwnConfounderAndTheScratchIsLeftZero(int etype) {
    CryptoProfile profile = CryptoProfiles.of(EncType.of(etype)).orElseThrow();
    CipherKey key = profile.randomKey();
    byte[] data = "the same plaintext".getBytes(StandardCharsets.US_ASCII);
    int n = data.length + profile.encryptionOverhead();
    byte[] a = new byte[n];
    byte[] b = new byte[n];
    profile.encryptInto(key, 12, data, 0, data.length, a, 0);
    profile.encryptInto(key, 12, data, 0, data.length, b, 0);
    assertThat(a).isNotEqualTo(b);
    byte[] scratch = Scratch.plaintext(1);
    assertThat(scratch).containsOnly((byte) 0);
  }

  @ParameterizedTest
  @ValueSource(ints = {17, 20, 23})
  void refusesAnOutputRangeThatDoesNotFit(int etype) {
    CryptoProfile profile = CryptoProfiles.of(EncType.of(etype)).orElseThrow();
    CipherKey key = profile.randomKey();
    byte[] data = new byte[32];
    byte[] out = new byte[32 + profile.encryptionOverhead()];
    assertThatThrownBy(() -> profile.encryptInto(key, 12, data, 0, 32, out, 1))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}
