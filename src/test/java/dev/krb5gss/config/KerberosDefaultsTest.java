package dev.krb5gss.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default keytab and realm, tested once for every route: KRB5_KTNAME, default_keytab_name,
 * then the JDK's ~/krb5.keytab and MIT's /etc/krb5.keytab; the realm property, then default_realm.
 */
class KerberosDefaultsTest {
  @TempDir Path dir;

  private UnaryOperator<String> props(Path home) {
    return Map.of("user.home", home.toString())::get;
  }

  @Test
  void krb5KtnameWinsAndLosesItsFilePrefix() {
    Krb5Conf conf = Krb5Conf.parse(List.of("[libdefaults]", "default_keytab_name = /other"));
    KerberosDefaults.Located<Path> p = KerberosDefaults.keytab(
        Map.of("KRB5_KTNAME", "FILE:" + dir + "/a.keytab")::get, props(dir), conf);
    assertThat(p.value()).isEqualTo(dir.resolve("a.keytab"));
    assertThat(p.source()).isEqualTo("KRB5_KTNAME");
  }

  @Test
  void aKrb5KtnameThatIsNoFileIsSkipped() {
    Krb5Conf conf = Krb5Conf.parse(List.of("[libdefaults]", "default_keytab_name = /kt"));
    assertThat(KerberosDefaults.keytab(Map.of("KRB5_KTNAME", "MEMORY:x")::get, props(dir), conf)
        .value()).isEqualTo(Path.of("/kt"));
  }

  @Test
  void defaultKeytabNamePicksTheFirstExistingListedFile() throws Exception {
    Path second = Files.createFile(dir.resolve("second.keytab"));
    Krb5Conf conf = Krb5Conf.parse(List.of("[realms]", "X = {", " default_keytab_name = /no",
        "}", "[libdefaults]", "  default_keytab_name = FILE:" + dir + "/missing " + second));
    KerberosDefaults.Located<Path> p = KerberosDefaults.keytab(k -> null, props(dir), conf);
    assertThat(p.value()).isEqualTo(second);
    assertThat(p.source()).startsWith("default_keytab_name in ");
  }

  @Test
  void defaultKeytabNameOfMissingFilesGivesTheFirst() {
    Krb5Conf conf = Krb5Conf.parse(List.of("[libdefaults]",
        "default_keytab_name = FILE:" + dir + "/a," + dir + "/b"));
    assertThat(KerberosDefaults.keytab(k -> null, props(dir), conf).value())
        .isEqualTo(dir.resolve("a"));
  }

  @Test
  void thenTheJdksKeytabInTheHomeDirectoryWhenItExists() throws Exception {
    Path home = Files.createFile(dir.resolve("krb5.keytab"));
    KerberosDefaults.Located<Path> p =
        KerberosDefaults.keytab(k -> null, props(dir), Krb5Conf.parse(List.of()));
    assertThat(p.value()).isEqualTo(home);
    assertThat(p.source()).startsWith("the default");
  }

  @Test
  void elseMitsEtcKrb5Keytab() {
    KerberosDefaults.Located<Path> p =
        KerberosDefaults.keytab(k -> null, props(dir), Krb5Conf.parse(List.of()));
    assertThat(p.value()).isEqualTo(KerberosDefaults.MIT_KEYTAB);
    assertThat(p.source()).contains(dir.resolve("krb5.keytab").toString())
        .contains("/etc/krb5.keytab");
  }

  @Test
  void theRealmPropertyWinsOverDefaultRealmUnlessBlank() {
    Krb5Conf conf = Krb5Conf.parse(List.of("[libdefaults]", "default_realm = EXAMPLE.ORG"));
    assertThat(KerberosDefaults.realm(Map.of(KerberosDefaults.REALM_PROPERTY, "OTHER.ORG")::get,
        conf)).hasValueSatisfying(r -> assertThat(r.value()).isEqualTo("OTHER.ORG"));
    assertThat(KerberosDefaults.realm(Map.of(KerberosDefaults.REALM_PROPERTY, " ")::get, conf))
        .hasValueSatisfying(r -> {
          assertThat(r.value()).isEqualTo("EXAMPLE.ORG");
          assertThat(r.source()).startsWith("default_realm in ");
        });
  }

  @Test
  void readsTheDefaultRealmFromLibdefaultsOnly() {
    Krb5Conf conf = Krb5Conf.parse(List.of("[realms]", "EXAMPLE.ORG = {", "  kdc = k", "}",
        "[libdefaults]", "# comment", "default_realm = EXAMPLE.ORG"));
    assertThat(KerberosDefaults.realm(k -> null, conf).map(KerberosDefaults.Located::value))
        .contains("EXAMPLE.ORG");
    assertThat(KerberosDefaults.realm(k -> null, Krb5Conf.parse(List.of("[realms]",
        "default_realm = NOT.HERE")))).isEmpty();
  }
}
