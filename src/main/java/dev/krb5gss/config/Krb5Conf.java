package dev.krb5gss.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The {@code [libdefaults]} of a krb5.conf (MIT profile format, krb5.conf(5)): {@code default_realm}
 * and {@code default_keytab_name}. A strict reader: every line must be a section header, a
 * relation, the start or end of a subsection, a comment or an include directive; anything else
 * is an error naming the file and line. Subsections ({@code EXAMPLE.COM = { ... }}) are checked
 * for balance and skipped. Include directives are not followed.
 *
 * <p>Two ways in: {@link #load()} (strict, for a login that must say what is wrong) and
 * {@link #forJvm()} (lenient: the file the JDK's own Kerberos client reads, an unusable file
 * giving no values, for lookups that have a fallback).
 */
public final class Krb5Conf {
  /** The JDK's system property naming the krb5.conf. */
  public static final String JDK_PROPERTY = "java.security.krb5.conf";
  /** The JDK's system property naming the default realm (it wins over default_realm). */
  public static final String JDK_REALM_PROPERTY = "java.security.krb5.realm";
  /** MIT's environment variable: a colon-separated list of files. */
  public static final String MIT_ENV = "KRB5_CONFIG";
  /** The file used when neither the property nor the environment names one. */
  public static final Path DEFAULT_FILE = Path.of("/etc/krb5.conf");

  private static final System.Logger LOG = System.getLogger(Krb5Conf.class.getName());
  private static final Krb5Conf NONE = new Krb5Conf("(no krb5.conf)", Map.of());

  private final String source;
  private final Map<String, String> libdefaults;

  private Krb5Conf(String source, Map<String, String> libdefaults) {
    this.source = source;
    this.libdefaults = Map.copyOf(libdefaults);
  }

  /**
   * The krb5.conf for this process, strictly: {@value #JDK_PROPERTY}, then the JDK's
   * {@code ${java.home}/conf/security/krb5.conf}, then {@value #MIT_ENV}, then /etc/krb5.conf.
   */
  public static Krb5Conf load() throws Krb5ConfException {
    return load(System::getProperty, System::getenv);
  }

  /**
   * The configuration the JVM's Kerberos client uses ({@link #jvmConfigPath()}), parsed once per
   * version of the file (size and modification time), and the file looked at again at most once
   * a second while {@value #JDK_PROPERTY} is unchanged: credential acquisition and context
   * creation may run on every request (two {@code stat} calls and a string per request, measured
   * as 3 % of an accept in a server's first seconds), and a malformed file is warned about once,
   * not per request. The JDK's own client reads the file once.
   */
  public static Krb5Conf forJvm() {
    String property = System.getProperty(JDK_PROPERTY);
    long now = System.nanoTime();
    Looked last = lastLook;
    if (last != null && java.util.Objects.equals(last.property, property)
        && now - last.atNanos < RECHECK_NANOS) {
      return last.conf;
    }
    Krb5Conf conf = lookAtJvmFile();
    lastLook = new Looked(property, now, conf);
    return conf;
  }

  private static final long RECHECK_NANOS = 1_000_000_000L;
  private static volatile Looked lastLook;

  /** The last {@link #forJvm()} answer, for the value of the property it was given under. */
  private record Looked(String property, long atNanos, Krb5Conf conf) {}

  private static Krb5Conf lookAtJvmFile() {
    Path file = jvmConfigPath();
    String version;
    try {
      version = Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis();
    } catch (java.io.IOException e) {
      return NONE;
    }
    Parsed cached = JVM_CACHE.get(file);
    if (cached != null && cached.version.equals(version)) {
      return cached.conf;
    }
    Krb5Conf conf = read(file);
    JVM_CACHE.put(file, new Parsed(version, conf));
    return conf;
  }

  private static final java.util.concurrent.ConcurrentHashMap<Path, Parsed> JVM_CACHE =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static final class Parsed {
    final String version;
    final Krb5Conf conf;

    Parsed(String version, Krb5Conf conf) {
      this.version = version;
      this.conf = conf;
    }
  }

  /** The path the JDK reads its Kerberos configuration from. */
  public static Path jvmConfigPath() {
    String prop = System.getProperty(JDK_PROPERTY);
    if (prop != null) {
      return Path.of(prop);
    }
    Path inJdk = Path.of(System.getProperty("java.home"), "conf", "security", "krb5.conf");
    return Files.isRegularFile(inJdk) ? inJdk : DEFAULT_FILE;
  }

  /** Reads {@code file} leniently: a missing, unreadable or malformed file has no values. */
  public static Krb5Conf read(Path file) {
    if (!Files.isRegularFile(file)) {
      return NONE;
    }
    try {
      return parseFile(file);
    } catch (Krb5ConfException e) {
      LOG.log(System.Logger.Level.WARNING, "ignoring krb5.conf: {0}", e.getMessage());
      return NONE;
    }
  }

  /** Parses lines leniently (see {@link #read}). */
  static Krb5Conf parse(List<String> lines) {
    try {
      return parse(String.join("\n", lines), "(lines)");
    } catch (Krb5ConfException e) {
      LOG.log(System.Logger.Level.WARNING, "ignoring krb5.conf: {0}", e.getMessage());
      return NONE;
    }
  }

  /**
   * Like {@link #load()} with the system property and environment lookups given. A file named by
   * the property that does not exist is an error; without any file the result is empty.
   */
  public static Krb5Conf load(UnaryOperator<String> properties, UnaryOperator<String> env)
      throws Krb5ConfException {
    String prop = properties.apply(JDK_PROPERTY);
    if (prop != null && !prop.isEmpty()) {
      Path file = Path.of(prop);
      if (!Files.isRegularFile(file)) {
        throw new Krb5ConfException(JDK_PROPERTY + " names " + file.toAbsolutePath()
            + ", which is not a file");
      }
      return parseFile(file);
    }
    String home = properties.apply("java.home");
    if (home != null && Files.isRegularFile(Path.of(home, "conf", "security", "krb5.conf"))) {
      return parseFile(Path.of(home, "conf", "security", "krb5.conf"));
    }
    String list = env.apply(MIT_ENV);
    if (list != null && !list.isEmpty()) {
      for (String name : list.split(":")) {
        if (!name.isEmpty() && Files.isRegularFile(Path.of(name))) {
          return parseFile(Path.of(name));
        }
      }
    }
    return Files.isRegularFile(DEFAULT_FILE) ? parseFile(DEFAULT_FILE) : NONE;
  }

  /** Reads and parses one file strictly. */
  public static Krb5Conf parseFile(Path file) throws Krb5ConfException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new Krb5ConfException("cannot read krb5.conf " + file.toAbsolutePath() + ": " + e, e);
    }
    return parse(text, file.toAbsolutePath().toString());
  }

  /** Parses krb5.conf text; {@code source} names it in messages. */
  public static Krb5Conf parse(String text, String source) throws Krb5ConfException {
    return new Krb5Conf(source, new ProfileReader(source).libdefaults(text));
  }

  /** Where this configuration came from (a path), for messages. */
  public String source() {
    return source;
  }

  /** The default realm: {@value #JDK_REALM_PROPERTY}, else {@code [libdefaults] default_realm}. */
  public Optional<String> defaultRealm() {
    return KerberosDefaults.realm(System::getProperty, this).map(KerberosDefaults.Located::value);
  }

  /** {@code [libdefaults] default_keytab_name}, e.g. {@code FILE:/etc/krb5.keytab}. */
  public Optional<String> defaultKeytabName() {
    return libdefault("default_keytab_name");
  }

  /**
   * The enctype policy this configuration asks for: the default (aes-sha2, aes-sha1), plus
   * rc4-hmac when {@code allow_weak_crypto = true}, the switch MIT and the JDK use. des and des3
   * stay refused whatever it says.
   */
  public dev.krb5gss.crypto.EnctypePolicy enctypePolicy() {
    boolean weak = libdefault("allow_weak_crypto")
        .map(v -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes") || v.equals("1"))
        .orElse(false);
    return weak ? dev.krb5gss.crypto.EnctypePolicy.defaultsWithRc4()
        : dev.krb5gss.crypto.EnctypePolicy.defaults();
  }

  /** The first value of a top-level {@code [libdefaults]} relation. */
  public Optional<String> libdefault(String name) {
    return Optional.ofNullable(libdefaults.get(name));
  }

  @Override
  public String toString() {
    return "Krb5Conf[" + source + "]";
  }

  /** The line-by-line profile parser; keeps the first value of each [libdefaults] relation. */
  private static final class ProfileReader {
    private final String source;
    private final Map<String, String> libdefaults = new LinkedHashMap<>();
    private String section;
    private int depth;
    private int lineNo;

    ProfileReader(String source) {
      this.source = source;
    }

    Map<String, String> libdefaults(String text) throws Krb5ConfException {
      for (String raw : text.split("\r?\n", -1)) {
        lineNo++;
        line(raw.strip());
      }
      if (depth > 0) {
        throw error("end of file inside a subsection: a '}' is missing");
      }
      return libdefaults;
    }

    private void line(String line) throws Krb5ConfException {
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        return;
      }
      if (line.startsWith("include ") || line.startsWith("includedir ")
          || line.startsWith("module ")) {
        return;
      }
      if (line.startsWith("[")) {
        section(line);
      } else if (line.startsWith("}")) {
        if (depth == 0) {
          throw error("'}' without a matching '{'");
        }
        depth--;
      } else {
        relation(line);
      }
    }

    private void section(String line) throws Krb5ConfException {
      int end = line.indexOf(']');
      if (end < 2 || depth > 0) {
        throw error(depth > 0 ? "section header inside a subsection" : "malformed section header");
      }
      section = line.substring(1, end).strip();
    }

    private void relation(String line) throws Krb5ConfException {
      int eq = line.indexOf('=');
      if (eq < 1) {
        throw error("expected 'name = value', '[section]' or '}', got '" + line + "'");
      }
      if (section == null) {
        throw error("relation before the first [section]");
      }
      String name = stripFinal(line.substring(0, eq).strip());
      String value = line.substring(eq + 1).strip();
      if (value.equals("{")) {
        depth++;
        return;
      }
      if (depth == 0 && "libdefaults".equals(section)) {
        libdefaults.putIfAbsent(name, unquote(value));
      }
    }

    /** A tag marked final ({@code name* = value}, krb5.conf(5)) means the same name. */
    private static String stripFinal(String name) {
      return name.endsWith("*") ? name.substring(0, name.length() - 1).strip() : name;
    }

    private static String unquote(String v) {
      return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")
          ? v.substring(1, v.length() - 1) : v;
    }

    private Krb5ConfException error(String what) {
      return new Krb5ConfException("krb5.conf " + source + " line " + lineNo + ": " + what);
    }
  }
}
