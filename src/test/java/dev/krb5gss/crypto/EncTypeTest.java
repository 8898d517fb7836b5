package dev.krb5gss.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EncTypeTest {
  private static final EncType[] KNOWN = {
      EncType.DES_CBC_CRC, EncType.DES_CBC_MD5, EncType.DES3_CBC_SHA1,
      EncType.AES128_CTS_HMAC_SHA1_96, EncType.AES256_CTS_HMAC_SHA1_96,
      EncType.AES128_CTS_HMAC_SHA256_128, EncType.AES256_CTS_HMAC_SHA384_192, EncType.RC4_HMAC};

  @Test
  void everyKnownNumberGivesItsConstant() {
    for (EncType e : KNOWN) {
      assertThat(EncType.of(e.id())).isSameAs(e);
      assertThat(e.isKnown()).isTrue();
      assertThat(EncType.byName(e.mitName())).isSameAs(e);
    }
  }

  @Test
  void otherNumbersAreKeptAsUnknownWeakValues() {
    for (int id : new int[] {0, 2, 15, 21, 22, 24, 25, 26, -1, -18, 255, 4096,
        Integer.MAX_VALUE, Integer.MIN_VALUE}) {
      EncType e = EncType.of(id);
      assertThat(e.id()).isEqualTo(id);
      assertThat(e.isKnown()).as("enctype %d", id).isFalse();
      assertThat(e.isWeak()).isTrue();
      assertThat(e.mitName()).isEqualTo("unknown-enctype-" + id);
    }
  }

  @Test
  void anUnknownNumberEqualsItselfOnly() {
    assertThat(EncType.of(24)).isEqualTo(EncType.of(24)).isNotEqualTo(EncType.of(25));
    assertThat(EncType.of(18)).isNotEqualTo(EncType.of(18 + 256));
  }
}
