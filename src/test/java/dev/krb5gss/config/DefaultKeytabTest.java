package dev.krb5gss.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Default keytab lookup order: KRB5_KTNAME, default_keytab_name, ~/krb5.keytab (as the JDK). */
class DefaultKeytabTest {

  @Test
  void krb5KtnameWinsAndLosesItsFilePrefix(@TempDir Path dir) {
    Krb5Conf conf = Krb5Conf.parse(List.of("[libdefaults]", "default_keytab_name = /other"));
    Path p = DefaultKeytab.locate(Map.of("KRB5_KTNAME", "FILE:" + dir + "/a.keytab")::get, conf);
    assertThat(p).isEqualTo(dir.resolve("a.keytab"));
  }

  @Test
  void defaultKeytabNamePicksTheFirstExistingListedFile(@TempDir Path dir) throws Exception {
    Path second = Files.createFile(dir.resolve("second.keytab"));
    Krb5Conf conf = Krb5Conf.parse(List.of("[realms]", "X = {", " default_keytab_name = /no",
        "}", "[libdefaults]", "  default_keytab_name = FILE:" + dir + "/missing " + second));
    assertThat(DefaultKeytab.locate(k -> null, conf)).isEqualTo(second);
  }

  @Test
  void fallsBackToKrb5KeytabInTheHomeDirectory() {
    Path p = DefaultKeytab.locate(k -> null, Krb5Conf.parse(List.of()));
    assertThat(p).isEqualTo(Path.of(System.getProperty("user.home"), "krb5.keytab"));
  }

  @Test
  void readsTheDefaultRealmFromLibdefaultsOnly() {
    Krb5Conf conf = Krb5Conf.parse(List.of("[realms]", "EXAMPLE.ORG = {", "  kdc = k", "}",
        "[libdefaults]", "# comment", "default_realm = EXAMPLE.ORG"));
    assertThat(conf.libdefault("default_realm")).contains("EXAMPLE.ORG");
    assertThat(conf.libdefault("kdc")).isEmpty();
  }
}
