package dev.krb5gss.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.pac.Sid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code SID = role} mapping: lookups (absolute and domain-relative RIDs) and strictness. */
class SidRoleMapperTest {
  private static final Sid DOMAIN = Sid.parse("S-1-5-21-1391344239-3830069828-2277737361");
  private static final Sid OTHER_DOMAIN = Sid.parse("S-1-5-21-1-2-3");
  private static final Sid WEBADMINS = DOMAIN.withRid(1105);

  private static final SidRoleMapper MAPPER = SidRoleMapper.parse(List.of(
      "# comment",
      "! also a comment",
      "",
      WEBADMINS + " = admin, operator",
      "DOMAIN_USERS = user",
      "DOMAIN_ADMINS=admin",
      "S-1-5-11 = authenticated"), "roles.properties");

  @Test
  void absoluteSidsAndWellKnownRidsOfTheUsersDomain() {
    assertThat(MAPPER.roles(DOMAIN, List.of(DOMAIN.withRid(1102), DOMAIN.withRid(513),
        WEBADMINS))).containsExactly("admin", "operator", "user");
    assertThat(MAPPER.roles(DOMAIN, List.of(DOMAIN.withRid(512)))).containsExactly("admin");
    assertThat(MAPPER.roles(DOMAIN, List.of(Sid.AUTHENTICATED_USERS)))
        .containsExactly("authenticated");
    assertThat(MAPPER.roles(DOMAIN, List.of(DOMAIN.withRid(1106)))).isEmpty();
  }

  /** RID 512 of a trusted domain is that domain's Domain Admins, not the user's. */
  @Test
  void wellKnownRidsCountOnlyInTheUsersDomain() {
    assertThat(MAPPER.roles(DOMAIN, List.of(OTHER_DOMAIN.withRid(512),
        OTHER_DOMAIN.withRid(513)))).isEmpty();
    assertThat(MAPPER.roles(OTHER_DOMAIN, List.of(OTHER_DOMAIN.withRid(512))))
        .containsExactly("admin");
    // the absolute SID of a group of this domain still counts for a user of another domain
    assertThat(MAPPER.roles(OTHER_DOMAIN, List.of(WEBADMINS))).contains("admin", "operator");
  }

  @Test
  void loadsAFileAndAMap(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("roles.properties");
    Files.writeString(file, "DOMAIN_ADMINS = admin\n" + WEBADMINS + " = web\n");
    assertThat(SidRoleMapper.load(file).roles(DOMAIN, List.of(WEBADMINS, DOMAIN.withRid(512))))
        .containsExactly("admin", "web");

    Map<String, String> map = new LinkedHashMap<>();
    map.put("DOMAIN_USERS", "user");
    map.put(WEBADMINS.toString(), "web");
    assertThat(SidRoleMapper.of(map).roles(DOMAIN, List.of(DOMAIN.withRid(513))))
        .containsExactly("user");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "S-1-5-21-1-2-3-500 admin | roles.properties:2: expected 'SID = role' or"
          + " 'DOMAIN_ADMINS = role', got 'S-1-5-21-1-2-3-500 admin'",
      "DOMAIN_ADMIN = admin | roles.properties:2: expected a SID (S-1-5-21-...) or one of"
          + " [ADMINISTRATOR, GUEST, DOMAIN_ADMINS,",
      "S-1-5-21-x-2 = admin | roles.properties:2: expected a decimal number, got 'x'",
      "S-2-5-21 = admin | roles.properties:2: expected SID revision 1",
      "DOMAIN_USERS = | roles.properties:2: expected role names separated by commas, got ''",
      "DOMAIN_USERS = a,,b | roles.properties:2: expected role names separated by commas",
      "DOMAIN_USERS = power user | roles.properties:2: expected role names separated by commas",
      "DOMAIN_USERS = user \\ | roles.properties:2: line continuations are not supported",
      "DOMAIN_ADMINS = root | roles.properties:2: 'DOMAIN_ADMINS' is mapped again (first at"
          + " line 1)",
      "s-1-5-21-1-2-3-512 = x | roles.properties:2: 's-1-5-21-1-2-3-512' is mapped again"})
  void badLinesNameTheFileAndLine(String line, String message) {
    List<String> lines = List.of("DOMAIN_ADMINS = admin", line);
    List<String> withAbsolute = line.startsWith("s-1")
        ? List.of("S-1-5-21-1-2-3-512 = admin", line) : lines;
    assertThatThrownBy(() -> SidRoleMapper.parse(withAbsolute, "roles.properties"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void aBadMapEntryIsNamed() {
    assertThatThrownBy(() -> SidRoleMapper.of(Map.of("Domain Users", "user")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("role mapping:1: expected a SID (S-1-5-21-...) or one of");
  }

  @Test
  void toStringNamesTheSource() {
    assertThat(MAPPER.toString()).isEqualTo("SidRoleMapper[roles.properties, 4 entries]");
  }
}
