package dev.krb5gss.spring.boot;

import dev.krb5gss.web.RoleMapper;
import dev.krb5gss.web.SidRoleMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code krb5gss.role-mapping} file: {@code key = role1, role2} lines, where a key is
 * <ul>
 *   <li>a client's full principal name ({@code alice@EXAMPLE.COM}), or {@code *} for every
 *       authenticated client (any realm, MIT or Active Directory);</li>
 *   <li>an Active Directory SID ({@code S-1-5-21-…-1105}) or a well-known RID name of the user's
 *       domain ({@code DOMAIN_ADMINS}, {@code DOMAIN_USERS}, …), matched against the user and
 *       group SIDs of the ticket's verified PAC ({@link SidRoleMapper}, nested groups included).</li>
 * </ul>
 * A client gets the union of the roles of every key it matches. Parsing is strict (a malformed
 * line, SID, role or a key given twice fails the application's start naming the file and line).
 */
final class RoleMappingFile {
  private RoleMappingFile() {}

  static RoleMapper load(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<String> sidLines = new ArrayList<>();
    Map<String, Set<String>> byPrincipal = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      int eq = line.indexOf('=');
      String key = eq < 0 ? "" : line.substring(0, eq).strip();
      boolean comment = line.isEmpty() || line.startsWith("#") || line.startsWith("!");
      if (comment || key.startsWith("S-") || SidRoleMapper.WELL_KNOWN_RIDS.containsKey(key)) {
        sidLines.add(lines.get(i));
        continue;
      }
      sidLines.add("");                                      // keeps the line numbers
      String where = file + ":" + (i + 1);
      if (eq <= 0) {
        throw new IllegalArgumentException(where + ": expected 'key = role[, role...]', got '"
            + line + "'");
      }
      Set<String> roles = new LinkedHashSet<>();
      for (String role : line.substring(eq + 1).split(",")) {
        String r = role.strip();
        if (!r.matches("[A-Za-z0-9_.:-]+")) {
          throw new IllegalArgumentException(where + ": key '" + key + "' has an invalid role '"
              + r + "' (expected letters, digits, _ - . :)");
        }
        roles.add(r);
      }
      if (byPrincipal.putIfAbsent(key, Set.copyOf(roles)) != null) {
        throw new IllegalArgumentException(where + ": key '" + key + "' is given twice");
      }
    }
    SidRoleMapper sids = SidRoleMapper.parse(sidLines, file.toString());
    Set<String> everyone = byPrincipal.getOrDefault("*", Set.of());
    return established -> {
      Set<String> all = new LinkedHashSet<>(everyone);
      all.addAll(byPrincipal.getOrDefault(established.client().toString(), Set.of()));
      all.addAll(sids.roles(established));
      return all;
    };
  }
}
