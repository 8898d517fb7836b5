package dev.krb5gss.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** krb5.conf(5) profile format, [libdefaults] only. */
class Krb5ConfTest {
  private static final String SAMPLE = String.join("\n",
      "# a comment",
      "includedir /etc/krb5.conf.d/",
      "[libdefaults]",
      "  default_realm = EXAMPLE.COM",
      "  default_realm = IGNORED.COM",
      "  ; another comment",
      "  default_keytab_name* = FILE:/etc/http.keytab",
      "  dns_lookup_kdc = false",
      "[realms]",
      "  EXAMPLE.COM = {",
      "    kdc = kdc.example.com:88",
      "    default_realm = NOT.LIBDEFAULTS",
      "  }",
      "[domain_realm]",
      "  .example.com = EXAMPLE.COM",
      "");

  @TempDir Path dir;

  @Test
  void readsTheFirstValueOfTopLevelLibdefaults() throws Exception {
    Krb5Conf conf = Krb5Conf.parse(SAMPLE, "sample");

    assertThat(conf.defaultRealm()).contains("EXAMPLE.COM");
    assertThat(conf.defaultKeytabName()).contains("FILE:/etc/http.keytab");
    assertThat(conf.libdefault("dns_lookup_kdc")).contains("false");
    assertThat(conf.libdefault("kdc")).isEmpty();
  }

  @Test
  void quotedValuesAreUnquoted() throws Exception {
    assertThat(Krb5Conf.parse("[libdefaults]\ndefault_realm = \"A.B\"\n", "q").defaultRealm())
        .contains("A.B");
  }

  @Test
  void rejectsLinesOutsideTheFormatNamingFileAndLine() {
    assertThatThrownBy(() -> Krb5Conf.parse("[libdefaults]\n default_realm EXAMPLE.COM\n", "f1"))
        .isInstanceOf(Krb5ConfException.class)
        .hasMessage("krb5.conf f1 line 2: expected 'name = value', '[section]' or '}', "
            + "got 'default_realm EXAMPLE.COM'");
    assertThatThrownBy(() -> Krb5Conf.parse("default_realm = X\n", "f2"))
        .hasMessage("krb5.conf f2 line 1: relation before the first [section]");
    assertThatThrownBy(() -> Krb5Conf.parse("[realms]\nX = {\n kdc = k\n", "f3"))
        .hasMessageContaining("a '}' is missing");
    assertThatThrownBy(() -> Krb5Conf.parse("[realms]\n}\n", "f4"))
        .hasMessage("krb5.conf f4 line 2: '}' without a matching '{'");
  }

  @Test
  void theJdkPropertyWinsOverTheEnvironment() throws Exception {
    Path jdk = Files.writeString(dir.resolve("jdk.conf"), "[libdefaults]\ndefault_realm = JDK\n");
    Path mit = Files.writeString(dir.resolve("mit.conf"), "[libdefaults]\ndefault_realm = MIT\n");
    Map<String, String> props = Map.of(Krb5Conf.JDK_PROPERTY, jdk.toString());
    Map<String, String> env = Map.of(Krb5Conf.MIT_ENV, dir.resolve("absent") + ":" + mit);

    assertThat(Krb5Conf.load(props::get, env::get).defaultRealm()).contains("JDK");
    Krb5Conf fromEnv = Krb5Conf.load(k -> null, env::get);
    assertThat(fromEnv.defaultRealm()).contains("MIT");
    assertThat(fromEnv.source()).isEqualTo(mit.toString());
  }

  @Test
  void aPropertyNamingNoFileIsAnError() {
    Map<String, String> props = Map.of(Krb5Conf.JDK_PROPERTY, dir.resolve("nope").toString());

    assertThatThrownBy(() -> Krb5Conf.load(props::get, k -> null))
        .isInstanceOf(Krb5ConfException.class)
        .hasMessageContaining(Krb5Conf.JDK_PROPERTY + " names " + dir.resolve("nope"));
  }
}
