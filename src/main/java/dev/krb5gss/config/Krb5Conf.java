package dev.krb5gss.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code [libdefaults]} relations of a krb5.conf file (MIT krb5.conf(5) format), found the way
 * the JDK finds it: {@code java.security.krb5.conf}, then {@code ${java.home}/conf/security/krb5.conf},
 * then {@code /etc/krb5.conf}. Unreadable or missing files yield no values; subsections in braces
 * are skipped.
 */
public final class Krb5Conf {
  private final Map<String, String> libdefaults;

  private Krb5Conf(Map<String, String> libdefaults) {
    this.libdefaults = Map.copyOf(libdefaults);
  }

  /** The configuration the JVM's Kerberos client uses, read now. */
  public static Krb5Conf forJvm() {
    return read(jvmConfigPath());
  }

  /** The path the JDK reads its Kerberos configuration from. */
  public static Path jvmConfigPath() {
    String prop = System.getProperty("java.security.krb5.conf");
    if (prop != null) {
      return Paths.get(prop);
    }
    Path inJdk = Paths.get(System.getProperty("java.home"), "conf", "security", "krb5.conf");
    return Files.isRegularFile(inJdk) ? inJdk : Paths.get("/etc/krb5.conf");
  }

  /** Reads {@code file}; a missing or unreadable file is an empty configuration. */
  public static Krb5Conf read(Path file) {
    try {
      return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return new Krb5Conf(Map.of());
    }
  }

  static Krb5Conf parse(List<String> lines) {
    Map<String, String> values = new HashMap<>();
    String section = "";
    int depth = 0;
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (depth == 0 && line.startsWith("[") && line.endsWith("]")) {
        section = line.substring(1, line.length() - 1).strip();
        continue;
      }
      if (line.endsWith("{")) {
        depth++;
        continue;
      }
      if (line.startsWith("}")) {
        depth = Math.max(0, depth - 1);
        continue;
      }
      int eq = line.indexOf('=');
      if (depth == 0 && "libdefaults".equals(section) && eq > 0) {
        values.putIfAbsent(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
    }
    return new Krb5Conf(values);
  }

  /** A {@code [libdefaults]} relation. */
  public Optional<String> libdefault(String name) {
    return Optional.ofNullable(libdefaults.get(name));
  }

  /** The default realm: {@code java.security.krb5.realm}, else {@code default_realm}. */
  public Optional<String> defaultRealm() {
    String prop = System.getProperty("java.security.krb5.realm");
    return prop != null ? Optional.of(prop) : libdefault("default_realm");
  }
}
