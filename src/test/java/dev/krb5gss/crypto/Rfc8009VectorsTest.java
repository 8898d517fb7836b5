package dev.krb5gss.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/** Every test vector of RFC 8009 Appendix A, enctypes 19 and 20. */
class Rfc8009VectorsTest {
  private static final int USAGE = 2;

  private static AesSha2Profile profile(int enctype) {
    return (AesSha2Profile) CryptoProfiles.of(EncType.of(enctype)).orElseThrow();
  }

  private static CipherKey key(int enctype, String hex) {
    return profile(enctype).key(SecretBytes.copyOf(Hex.bytes(hex)));
  }

  @ParameterizedTest(name = "RFC 8009 A string-to-key: enctype {0}")
  @CsvFileSource(resources = "/vectors/rfc8009-a-string-to-key.csv", delimiter = '|')
  void stringToKey(int enctype, int iterations, String password, String salt, String expected) {
    CipherKey key = profile(enctype).stringToKey(Hex.bytes(password), Hex.bytes(salt), iterations);
    assertThat(key.secret().toByteArray()).isEqualTo(Hex.bytes(expected));
  }

  @ParameterizedTest(name = "RFC 8009 A default iteration count is 32768: enctype {0}")
  @CsvFileSource(resources = "/vectors/rfc8009-a-string-to-key.csv", delimiter = '|')
  void defaultIterations(int enctype, int iterations, String password, String salt,
      String expected) {
    CipherKey key = profile(enctype).stringToKey(Hex.bytes(password), Hex.bytes(salt), 0);
    assertThat(key.secret().toByteArray()).isEqualTo(Hex.bytes(expected));
  }

  @ParameterizedTest(name = "RFC 8009 A key derivation: enctype {0}, usage 2")
  @CsvFileSource(resources = "/vectors/rfc8009-a-key-derivation.csv", delimiter = '|')
  void keyDerivation(int enctype, String base, String kc, String ke, String ki) {
    UsageKeys keys = profile(enctype).deriveUsageKeys(Hex.bytes(base), USAGE);
    assertThat(profile(enctype).deriveChecksumKey(Hex.bytes(base), USAGE).getEncoded())
        .isEqualTo(Hex.bytes(kc));
    assertThat(keys.ke.getEncoded()).isEqualTo(Hex.bytes(ke));
    assertThat(keys.ki.getEncoded()).isEqualTo(Hex.bytes(ki));
  }

  @ParameterizedTest(name = "RFC 8009 A encryption: enctype {0}, plaintext {3}")
  @CsvFileSource(resources = "/vectors/rfc8009-a-encryption.csv", delimiter = '|')
  void encryption(int enctype, String base, String confounder, String plaintext, String expected)
      throws IntegrityException {
    CipherKey key = key(enctype, base);
    byte[] plain = Hex.bytes(plaintext);
    byte[] out = profile(enctype).encrypt(key, USAGE, Hex.bytes(confounder), plain, 0,
        plain.length);
    assertThat(out).isEqualTo(Hex.bytes(expected));
    byte[] cipher = Hex.bytes(expected);
    assertThat(profile(enctype).decrypt(key, USAGE, cipher, 0, cipher.length)).isEqualTo(plain);
  }

  @ParameterizedTest(name = "RFC 8009 A checksum: enctype {0}")
  @CsvFileSource(resources = "/vectors/rfc8009-a-checksum.csv", delimiter = '|')
  void checksum(int enctype, String base, String data, String expected) {
    byte[] d = Hex.bytes(data);
    CipherKey key = key(enctype, base);
    assertThat(profile(enctype).checksum(key, USAGE, d, 0, d.length))
        .isEqualTo(Hex.bytes(expected));
    assertThat(profile(enctype).verifyChecksum(key, USAGE, d, 0, d.length, Hex.bytes(expected)))
        .isTrue();
  }

  @ParameterizedTest(name = "RFC 8009 A PRF: enctype {0}")
  @CsvFileSource(resources = "/vectors/rfc8009-a-prf.csv", delimiter = '|')
  void prf(int enctype, String base, String input, String expected) {
    assertThat(profile(enctype).prf(key(enctype, base), Hex.bytes(input)))
        .isEqualTo(Hex.bytes(expected));
  }
}
