package dev.krb5gss.spring.boot;

import dev.krb5gss.web.RoleMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * A role mapping file: {@code principal = role1, role2} lines, where the principal is a client's
 * full name ({@code alice@EXAMPLE.COM}) or {@code *} for every authenticated client. A role name
 * is letters, digits, {@code _ - . :}; anything else fails the application's start with the file
 * and key named.
 */
final class RoleMappingFile {
  private RoleMappingFile() {}

  static RoleMapper load(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    Map<String, Set<String>> byPrincipal = new HashMap<>();
    for (String key : p.stringPropertyNames()) {
      Set<String> roles = new LinkedHashSet<>();
      for (String role : p.getProperty(key).split(",")) {
        String r = role.strip();
        if (!r.matches("[A-Za-z0-9_.:-]+")) {
          throw new IllegalArgumentException("role mapping " + file + ": key '" + key
              + "' has an invalid role '" + r + "' (expected letters, digits, _ - . :)");
        }
        roles.add(r);
      }
      byPrincipal.put(key.strip(), Set.copyOf(roles));
    }
    Set<String> everyone = byPrincipal.getOrDefault("*", Set.of());
    return established -> {
      Set<String> own = byPrincipal.getOrDefault(established.client().toString(), Set.of());
      if (everyone.isEmpty()) {
        return own;
      }
      Set<String> all = new LinkedHashSet<>(everyone);
      all.addAll(own);
      return all;
    };
  }
}
