package dev.krb5gss.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The one place that decides the default keytab and the default realm, in the order MIT's and the
 * JDK's documentation give, for every route that needs a default (the JAAS login module without
 * {@code keyTab}, the provider with {@code useSubjectCredsOnly=false}, names without a realm):
 *
 * <ul>
 *   <li><b>Keytab</b>: {@code KRB5_KTNAME} (MIT, kerberos(7)); then {@code [libdefaults]
 *       default_keytab_name} (MIT krb5.conf(5) and the JDK; of a list, the first file that
 *       exists, else the first); then the first that exists of the JDK's
 *       {@code ${user.home}/krb5.keytab} and MIT's built-in {@code /etc/krb5.keytab}, else MIT's.
 *       {@code FILE:}/{@code WRFILE:} prefixes are removed; other keytab types (MEMORY:, KDB:)
 *       are not files and are skipped.
 *   <li><b>Realm</b>: the JDK's {@code java.security.krb5.realm} system property (when not blank),
 *       then {@code [libdefaults] default_realm}.
 * </ul>
 *
 * Each answer says where it came from, for messages that tell an operator what to change.
 */
public final class KerberosDefaults {
  /** MIT's built-in default keytab. */
  public static final Path MIT_KEYTAB = Path.of("/etc/krb5.keytab");
  /** The JDK's system property for the default realm. */
  public static final String REALM_PROPERTY = Krb5Conf.JDK_REALM_PROPERTY;

  private KerberosDefaults() {}

  /** A default and where it came from. */
  public record Located<T>(T value, String source) {}

  /** The default keytab for this process's environment and system properties. */
  public static Located<Path> keytab(Krb5Conf conf) {
    return keytab(System::getenv, System::getProperty, conf);
  }

  /** The default keytab; {@code env} and {@code properties} are injected for tests. */
  public static Located<Path> keytab(UnaryOperator<String> env, UnaryOperator<String> properties,
      Krb5Conf conf) {
    String fromEnv = env.apply("KRB5_KTNAME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      Optional<Path> p = fileOf(fromEnv.strip());
      if (p.isPresent()) {
        return new Located<>(p.get(), "KRB5_KTNAME");
      }
    }
    Optional<String> listed = conf.defaultKeytabName();
    if (listed.isPresent()) {
      Path first = null;
      for (String name : listed.get().strip().split("[\\s,]+")) {
        Path p = name.isEmpty() ? null : fileOf(name).orElse(null);
        if (p != null && Files.exists(p)) {
          return new Located<>(p, "default_keytab_name in " + conf.source());
        }
        first = first == null ? p : first;
      }
      if (first != null) {
        return new Located<>(first, "default_keytab_name in " + conf.source());
      }
    }
    String home = properties.apply("user.home");
    Path jdk = Paths.get(home != null ? home : properties.apply("user.dir"), "krb5.keytab");
    for (Path candidate : List.of(jdk, MIT_KEYTAB)) {
      if (Files.exists(candidate)) {
        return new Located<>(candidate, "the default (" + jdk + " or " + MIT_KEYTAB
            + "), as neither KRB5_KTNAME nor default_keytab_name in " + conf.source() + " is set");
      }
    }
    return new Located<>(MIT_KEYTAB, "the default (" + jdk + " or " + MIT_KEYTAB + ", neither"
        + " exists), as neither KRB5_KTNAME nor default_keytab_name in " + conf.source()
        + " is set");
  }

  /** The default realm, if any is configured. */
  public static Optional<Located<String>> realm(UnaryOperator<String> properties, Krb5Conf conf) {
    String prop = properties.apply(REALM_PROPERTY);
    if (prop != null && !prop.isBlank()) {
      return Optional.of(new Located<>(prop.strip(), REALM_PROPERTY));
    }
    return conf.libdefault("default_realm").map(String::strip).filter(r -> !r.isEmpty())
        .map(r -> new Located<>(r, "default_realm in " + conf.source()));
  }

  /** Where a missing default realm would have come from, for messages. */
  public static String realmSources(Krb5Conf conf) {
    return REALM_PROPERTY + " is unset and " + conf.source() + " has no [libdefaults] default_realm";
  }

  /** A keytab name as a file: a path or {@code FILE:}/{@code WRFILE:} + path; else empty. */
  static Optional<Path> fileOf(String name) {
    try {
      if (name.startsWith("FILE:")) {
        return Optional.of(Paths.get(name.substring(5)));
      }
      if (name.startsWith("WRFILE:")) {
        return Optional.of(Paths.get(name.substring(7)));
      }
      return name.contains(":") && !name.startsWith("/") ? Optional.empty()
          : Optional.of(Paths.get(name));
    } catch (InvalidPathException e) {
      return Optional.empty(); // not a usable file name: as if none were configured
    }
  }
}
