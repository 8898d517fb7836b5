package dev.krb5gss.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/** RFC 3961 Appendix A.1 (n-fold) and RFC 3962 Appendix B (string-to-key, AES-CTS). */
class Rfc3962VectorsTest {
  private static final byte[] CHICKEN_TERIYAKI = Hex.bytes("636869636b656e207465726979616b69");

  @ParameterizedTest(name = "RFC 3961 A.1: {0}-fold(\"{1}\")")
  @CsvFileSource(resources = "/vectors/rfc3961-a1-nfold.csv", delimiter = '|')
  void nFold(int bits, String input, String expected) {
    byte[] out = NFold.fold(input.getBytes(StandardCharsets.US_ASCII), bits / 8);
    assertThat(Hex.of(out)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "RFC 3962 B: string-to-key, {0} iterations, salt {2}")
  @CsvFileSource(resources = "/vectors/rfc3962-b-string-to-key.csv", delimiter = '|')
  void stringToKey(int iterations, String password, String salt, String aes128, String aes256) {
    CryptoProfile p17 = CryptoProfiles.of(EncType.AES128_CTS_HMAC_SHA1_96).orElseThrow();
    CryptoProfile p18 = CryptoProfiles.of(EncType.AES256_CTS_HMAC_SHA1_96).orElseThrow();
    assertThat(Hex.of(p17.stringToKey(Hex.bytes(password), Hex.bytes(salt), iterations)
        .secret().toByteArray())).isEqualTo(aes128);
    assertThat(Hex.of(p18.stringToKey(Hex.bytes(password), Hex.bytes(salt), iterations)
        .secret().toByteArray())).isEqualTo(aes256);
  }

  @ParameterizedTest(name = "RFC 3962 B: AES-CTS of {0}")
  @CsvFileSource(resources = "/vectors/rfc3962-b-cts.csv", delimiter = '|')
  void ciphertextStealing(String input, String output) {
    SecretKeySpec key = new SecretKeySpec(CHICKEN_TERIYAKI, "AES");
    byte[] in = Hex.bytes(input);
    byte[] out = new byte[in.length];
    AesCts.encrypt(key, in, 0, in.length, out, 0);
    assertThat(Hex.of(out)).isEqualTo(output);
    byte[] back = new byte[in.length];
    AesCts.decrypt(key, out, 0, out.length, back, 0);
    assertThat(back).isEqualTo(in);
  }
}
