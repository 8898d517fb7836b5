package dev.krb5gss.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.UnaryOperator;

/**
 * The default keytab an acceptor falls back to when it may look beyond the caller's Subject
 * ({@code javax.security.auth.useSubjectCredsOnly=false}): {@code KRB5_KTNAME}, then krb5.conf's
 * {@code default_keytab_name} (the first listed file that exists), then
 * {@code ${user.home}/krb5.keytab} as the JDK does. {@code FILE:} and {@code WRFILE:} prefixes are
 * removed; other keytab types are not files and are ignored.
 */
public final class DefaultKeytab {
  private DefaultKeytab() {}

  /** The default keytab for this JVM and process environment. */
  public static Path locate() {
    return locate(System::getenv, Krb5Conf.forJvm());
  }

  static Path locate(UnaryOperator<String> env, Krb5Conf conf) {
    String fromEnv = env.apply("KRB5_KTNAME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      Path p = fileOf(fromEnv.strip());
      if (p != null) {
        return p;
      }
    }
    String listed = conf.libdefault("default_keytab_name").orElse("");
    Path first = null;
    for (String name : listed.split("[\\s,]+")) {
      Path p = name.isEmpty() ? null : fileOf(name);
      if (p != null && Files.exists(p)) {
        return p;
      }
      first = first == null ? p : first;
    }
    if (first != null) {
      return first;
    }
    String home = System.getProperty("user.home", System.getProperty("user.dir"));
    return Paths.get(home, "krb5.keytab");
  }

  private static Path fileOf(String name) {
    try {
      return pathOf(name);
    } catch (java.nio.file.InvalidPathException e) {
      return null; // not a usable file name: as if none were configured
    }
  }

  private static Path pathOf(String name) {
    if (name.startsWith("FILE:")) {
      return Paths.get(name.substring(5));
    }
    if (name.startsWith("WRFILE:")) {
      return Paths.get(name.substring(7));
    }
    return name.contains(":") && !name.startsWith("/") ? null : Paths.get(name);
  }
}
