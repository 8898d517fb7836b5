package dev.krb5gss.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EnctypePolicyTest {
  @Test
  void defaultsAreAesSha2ThenAesSha1WithRc4Off() {
    assertThat(EnctypePolicy.defaults().permitted()).extracting(EncType::id)
        .containsExactly(20, 19, 18, 17);
    assertThat(EnctypePolicy.defaults().permits(EncType.RC4_HMAC)).isFalse();
    assertThat(EnctypePolicy.defaults().refusal(EncType.RC4_HMAC)).contains("off by default");
    assertThat(EnctypePolicy.defaultsWithRc4().permits(EncType.RC4_HMAC)).isTrue();
  }

  @Test
  void desAndDes3CannotBeEnabled() {
    assertThatThrownBy(() -> EnctypePolicy.of(EncType.DES3_CBC_SHA1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weak");
    assertThatThrownBy(() -> EnctypePolicy.of(EncType.DES_CBC_MD5, EncType.AES256_CTS_HMAC_SHA1_96))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EnctypePolicy.of(EncType.of(99)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unknownEnctypeNumbersAreKept() {
    EncType unknown = EncType.of(99);
    assertThat(unknown.id()).isEqualTo(99);
    assertThat(unknown.isKnown()).isFalse();
    assertThat(unknown).isEqualTo(EncType.of(99));
  }

  @Test
  void secretBytesAreRedactedComparedInConstantTimeAndWiped() {
    SecretBytes a = SecretBytes.copyOf(new byte[] {1, 2, 3});
    assertThat(a.toString()).doesNotContain("1, 2").contains("redacted");
    assertThat(a.equalsSecret(SecretBytes.copyOf(new byte[] {1, 2, 3}))).isTrue();
    assertThat(a.equalsSecret(SecretBytes.copyOf(new byte[] {1, 2, 4}))).isFalse();
    a.destroy();
    assertThat(a.isDestroyed()).isTrue();
    assertThatThrownBy(a::toByteArray).isInstanceOf(IllegalStateException.class);
  }
}
