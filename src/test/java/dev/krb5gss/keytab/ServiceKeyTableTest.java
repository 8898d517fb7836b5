package dev.krb5gss.keytab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.crypto.EncType;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.name.PrincipalName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServiceKeyTableTest {
  private static final PrincipalName HTTP = PrincipalName.parse("HTTP/web.example.com@EXAMPLE.COM", null);
  private ServiceKeyTable table;

  @BeforeEach
  void load() throws Exception {
    table = ServiceKeyTable.of(KeytabParser.parse(KeytabParserTest.mitKeytab()));
  }

  @Test
  void selectsByNameKvnoAndEnctype() throws Exception {
    ServiceKey key = table.select(HTTP, 3, EncType.AES256_CTS_HMAC_SHA384_192);
    assertThat(key.kvno()).isEqualTo(3);
    assertThat(key.encType()).isEqualTo(EncType.AES256_CTS_HMAC_SHA384_192);
  }

  @Test
  void aTicketWithoutKvnoGetsTheNewestKeyOfItsEnctype() throws Exception {
    assertThat(table.select(HTTP, null, EncType.AES128_CTS_HMAC_SHA256_128).kvno()).isEqualTo(4);
  }

  @Test
  void anUnknownServiceListsAFewKeytabPrincipalsAndTheirCount() {
    java.util.List<ServiceKey> many = new java.util.ArrayList<>();
    for (int i = 0; i < 50; i++) {
      many.add(new ServiceKey(PrincipalName.parse("HTTP/h" + (100 + i) + ".example.com@EXAMPLE.COM",
          null), 1, EncType.AES256_CTS_HMAC_SHA1_96,
          dev.krb5gss.crypto.SecretBytes.copyOf(new byte[32])));
    }
    ServiceKeyTable big = ServiceKeyTable.of(many);
    PrincipalName other = PrincipalName.parse("HTTP/alias.example.com@EXAMPLE.COM", null);
    assertThatThrownBy(() -> big.select(other, 1, EncType.AES256_CTS_HMAC_SHA1_96))
        .isInstanceOfSatisfying(RejectedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.SERVICE_NOT_IN_KEYTAB);
          assertThat(e.getMessage()).contains("HTTP/h100.example.com@EXAMPLE.COM", "(50 in all)")
              .doesNotContain("HTTP/h103.example.com").hasSizeLessThan(600);
        });
  }

  @Test
  void anUnknownServiceNamesTheOneAskedForAndThoseHeld() {
    PrincipalName other = PrincipalName.parse("HTTP/alias.example.com@EXAMPLE.COM", null);
    assertThatThrownBy(() -> table.select(other, 3, EncType.AES256_CTS_HMAC_SHA1_96))
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.SERVICE_NOT_IN_KEYTAB))
        .hasMessageContaining("HTTP/alias.example.com@EXAMPLE.COM")
        .hasMessageContaining("HTTP/web.example.com@EXAMPLE.COM")
        .hasMessageContaining("host/web.example.com@EXAMPLE.COM");
  }

  @Test
  void aNewerTicketKvnoSaysTheKeytabIsStale() {
    assertThatThrownBy(() -> table.select(HTTP, 5, EncType.AES256_CTS_HMAC_SHA1_96))
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.KVNO_MISMATCH))
        .hasMessageContaining("kvno 5").hasMessageContaining("kvno 3")
        .hasMessageContaining("keytab is stale");
  }

  @Test
  void anOlderTicketKvnoSaysTheClientsTicketIsStale() {
    assertThatThrownBy(() -> table.select(HTTP, 2, EncType.AES256_CTS_HMAC_SHA1_96))
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.KVNO_MISMATCH))
        .hasMessageContaining("ticket is older");
  }

  @Test
  void anEnctypeMissingFromTheKeytabListsTheEnctypesHeld() {
    assertThatThrownBy(() -> table.select(HTTP, 3, EncType.AES128_CTS_HMAC_SHA1_96))
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.ENCTYPE_NOT_IN_KEYTAB))
        .hasMessageContaining("aes128-cts-hmac-sha1-96")
        .hasMessageContaining("aes256-cts-hmac-sha384-192");
  }

  @Test
  void mergingKeepsThePreviousKvnoForTicketsInFlight() throws Exception {
    ServiceKeyTable newer = ServiceKeyTable.of(table.keys().stream()
        .filter(k -> k.kvno() != 3).collect(java.util.stream.Collectors.toList()));
    ServiceKeyTable merged = newer.mergedWith(table);
    assertThat(merged.select(HTTP, 3, EncType.AES256_CTS_HMAC_SHA1_96).kvno()).isEqualTo(3);
    assertThat(merged.keys()).hasSameSizeAs(table.keys());
  }

  @Test
  void cacheReturnsTheSameParsedTableForAnUnchangedFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path file = dir.resolve("k.keytab");
    java.nio.file.Files.write(file, KeytabParserTest.mitKeytab());
    assertThat(KeytabCache.load(file)).isSameAs(KeytabCache.load(file));
    java.nio.file.Files.write(file, java.util.Arrays.copyOf(KeytabParserTest.mitKeytab(), 2));
    assertThat(KeytabCache.load(file).isEmpty()).isTrue();
  }
}
