package dev.krb5gss.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Behaviour no vector pins: round trips, tampering, caching, redaction, refused enctypes. */
class ProfilesTest {

  @ParameterizedTest(name = "enctype {0}")
  @ValueSource(ints = {17, 18, 19, 20, 23})
  void everyFlippedByteAndEveryTruncationFailsIntegrity(int id) throws Exception {
    CryptoProfile p = CryptoProfiles.of(EncType.of(id)).orElseThrow();
    CipherKey key = p.randomKey();
    byte[] msg = "attack at dawn, bring snacks".getBytes(StandardCharsets.UTF_8);
    byte[] c = p.encrypt(key, 22, msg, 0, msg.length);
    assertThat(c).hasSize(msg.length + p.encryptionOverhead());
    assertThat(p.decrypt(key, 22, c, 0, c.length)).isEqualTo(msg);
    for (int i = 0; i < c.length; i++) {
      byte[] t = c.clone();
      t[i] ^= 0x01;
      assertThatThrownBy(() -> p.decrypt(key, 22, t, 0, t.length))
          .isInstanceOf(IntegrityException.class);
    }
    for (int len = 0; len < c.length; len++) {
      int l = len;
      assertThatThrownBy(() -> p.decrypt(key, 22, c, 0, l)).isInstanceOf(IntegrityException.class);
    }
    assertThatThrownBy(() -> p.decrypt(key, 24, c, 0, c.length))
        .isInstanceOf(IntegrityException.class);
  }

  @ParameterizedTest(name = "enctype {0}")
  @ValueSource(ints = {17, 18, 19, 20, 23})
  void offsetsAreHonoured(int id) throws Exception {
    CryptoProfile p = CryptoProfiles.of(EncType.of(id)).orElseThrow();
    CipherKey key = p.randomKey();
    byte[] buf = "xxxxpayloadyyyy".getBytes(StandardCharsets.US_ASCII);
    byte[] c = p.encrypt(key, 7, buf, 4, 7);
    byte[] framed = new byte[c.length + 5];
    System.arraycopy(c, 0, framed, 3, c.length);
    assertThat(new String(p.decrypt(key, 7, framed, 3, c.length), StandardCharsets.US_ASCII))
        .isEqualTo("payload");
    assertThat(p.checksum(key, 7, buf, 4, 7))
        .isEqualTo(p.checksum(key, 7, "payload".getBytes(StandardCharsets.US_ASCII), 0, 7));
  }

  @Test
  void derivedKeysAreComputedOncePerUsage() {
    AesSha2Profile p = (AesSha2Profile) CryptoProfiles.of(
        EncType.AES256_CTS_HMAC_SHA384_192).orElseThrow();
    CipherKey key = p.randomKey();
    UsageKeys first = p.usageKeys(key, 22);
    byte[] m = new byte[100];
    p.encrypt(key, 22, m, 0, m.length);
    p.checksum(key, 22, m, 0, m.length);
    assertThat(p.usageKeys(key, 22)).isSameAs(first);
    AtomicInteger calls = new AtomicInteger();
    DerivedKeyId id = DerivedKeyId.of(DerivedKeyId.Kind.CHECKSUM, 99);
    key.derived(id, (k, usage) -> calls.incrementAndGet());
    key.derived(id, (k, usage) -> calls.incrementAndGet());
    assertThat(calls).hasValue(1);
  }

  @ParameterizedTest(name = "enctype {0}")
  @ValueSource(ints = {17, 18, 19, 20, 23})
  void noKeyBytesInToString(int id) {
    CryptoProfile p = CryptoProfiles.of(EncType.of(id)).orElseThrow();
    CipherKey key = p.randomKey();
    String hex = Hex.of(key.secret().toByteArray());
    assertThat(key.toString()).doesNotContain(hex).contains("redacted");
    assertThat(key.secret().toString()).doesNotContain(hex);
    assertThat(p.toString()).doesNotContain(hex);
  }

  @ParameterizedTest(name = "{0} is refused")
  @CsvSource({"1", "3", "16"})
  void desAndDes3AreRefusedWithAReason(int id) {
    EncType e = EncType.of(id);
    assertThat(CryptoProfiles.isImplemented(e)).isFalse();
    assertThat(EnctypePolicy.defaults().permits(e)).isFalse();
    assertThat(EnctypePolicy.defaults().refusal(e)).contains("weak");
    assertThatThrownBy(() -> EnctypePolicy.of(e, EncType.AES256_CTS_HMAC_SHA1_96))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weak");
  }

  @Test
  void rc4IsImplementedButOffByDefault() {
    assertThat(CryptoProfiles.isImplemented(EncType.RC4_HMAC)).isTrue();
    assertThat(EnctypePolicy.defaults().permits(EncType.RC4_HMAC)).isFalse();
    assertThat(EnctypePolicy.defaultsWithRc4().permits(EncType.RC4_HMAC)).isTrue();
    assertThat(EnctypePolicy.defaults().permitted()).extracting(EncType::id)
        .containsExactly(20, 19, 18, 17);
  }

  @Test
  void wrongKeyLengthIsRefused() {
    CryptoProfile p = CryptoProfiles.of(EncType.AES256_CTS_HMAC_SHA1_96).orElseThrow();
    assertThatThrownBy(() -> p.key(SecretBytes.copyOf(new byte[16])))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32-byte");
  }

  /** RFC 1320 Appendix A.5 test suite (MD4 backs the rc4-hmac string-to-key). */
  @ParameterizedTest(name = "RFC 1320 A.5: MD4(\"{0}\")")
  @CsvSource({
      "'', 31d6cfe0d16ae931b73c59d7e0c089c0",
      "a, bde52cb31de33e46245e05fbdbd6fb24",
      "abc, a448017aaf21d8525fc10ae87aa6729d",
      "message digest, d9130a8164549fe818874806e1c7014b",
      "abcdefghijklmnopqrstuvwxyz, d79e1c308aa5bbcdeea8ed63df412da9",
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789, "
          + "043f8582f241db351ce627e153e7f0e4",
      "12345678901234567890123456789012345678901234567890123456789012345678901234567890, "
          + "e33b4ddc9c38f2199c3e7b164fcc0536"})
  void md4(String input, String expected) {
    assertThat(Hex.of(Md4.digest(input.getBytes(StandardCharsets.US_ASCII)))).isEqualTo(expected);
  }
}
