package dev.krb5gss.keytab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.crypto.EncType;
import dev.krb5gss.name.PrincipalName;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeytabParserTest {
  static byte[] mitKeytab() throws IOException {
    try (InputStream in = KeytabParserTest.class.getResourceAsStream("/keytabs/mit-ktutil.keytab")) {
      return in.readAllBytes();
    }
  }

  @Test
  void parsesEveryEntryOfAnMitKeytabIncludingAesSha2AndThe32BitKvno() throws Exception {
    List<ServiceKey> keys = KeytabParser.parse(mitKeytab());

    PrincipalName http = PrincipalName.parse("HTTP/web.example.com@EXAMPLE.COM", null);
    assertThat(keys).extracting(ServiceKey::principal, ServiceKey::kvno, ServiceKey::encType)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(http, 3, EncType.AES256_CTS_HMAC_SHA1_96),
            org.assertj.core.groups.Tuple.tuple(http, 3, EncType.AES256_CTS_HMAC_SHA384_192),
            org.assertj.core.groups.Tuple.tuple(http, 4, EncType.AES128_CTS_HMAC_SHA256_128),
            org.assertj.core.groups.Tuple.tuple(
                PrincipalName.parse("host/web.example.com@EXAMPLE.COM", null), 300,
                EncType.AES128_CTS_HMAC_SHA1_96));
    assertThat(keys).extracting(k -> k.secret().length()).containsExactly(32, 32, 16, 16);
  }

  @Test
  void toStringNeverShowsKeyBytes() throws Exception {
    ServiceKey key = KeytabParser.parse(mitKeytab()).get(0);
    String hex = com.google.common.io.BaseEncoding.base16().lowerCase()
        .encode(key.secret().toByteArray());
    assertThat(key.toString()).contains("redacted").doesNotContain(hex.substring(0, 8));
    assertThat(key.secret().toString()).contains("redacted");
  }

  @Test
  void rejectsAFileThatIsNotAKeytab() {
    assertThatThrownBy(() -> KeytabParser.parse("[libdefaults]\n".getBytes()))
        .isInstanceOf(KeytabFormatException.class).hasMessageContaining("05 02");
  }

  @Test
  void everyTruncationIsAFormatErrorNeverARuntimeException() throws Exception {
    byte[] full = mitKeytab();
    for (int len = 3; len < full.length; len++) {
      byte[] cut = Arrays.copyOf(full, len);
      try {
        KeytabParser.parse(cut);
      } catch (KeytabFormatException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }

  @Test
  void aRecordLengthPastTheEndIsRefused() throws Exception {
    byte[] bad = mitKeytab();
    bad[2] = 0x7f; // first record claims ~2 GiB
    assertThatThrownBy(() -> KeytabParser.parse(bad))
        .isInstanceOf(KeytabFormatException.class).hasMessageContaining("runs past the end");
  }

  @Test
  void randomCorruptionNeverEscapesAsAnUncheckedException() throws Exception {
    byte[] full = mitKeytab();
    Random random = new Random(42);
    for (int i = 0; i < 5_000; i++) {
      byte[] copy = full.clone();
      copy[2 + random.nextInt(copy.length - 2)] = (byte) random.nextInt(256);
      try {
        KeytabParser.parse(copy);
      } catch (KeytabFormatException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }
}
