package dev.krb5gss.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The {@code [libdefaults]} of a krb5.conf (MIT profile format, krb5.conf(5)): {@code default_realm}
 * and {@code default_keytab_name}. A strict reader: every line must be a section header, a
 * relation, the start or end of a subsection, a comment or an include directive; anything else
 * is an error naming the file and line. Subsections ({@code EXAMPLE.COM = { ... }}) are checked
 * for balance and skipped. Include directives are not followed.
 */
public final class Krb5Conf {
  /** The JDK's system property naming the krb5.conf. */
  public static final String JDK_PROPERTY = "java.security.krb5.conf";
  /** MIT's environment variable: a colon-separated list of files. */
  public static final String MIT_ENV = "KRB5_CONFIG";
  /** The file used when neither the property nor the environment names one. */
  public static final Path DEFAULT_FILE = Path.of("/etc/krb5.conf");

  private static final Krb5Conf NONE = new Krb5Conf("(no krb5.conf)", Map.of());

  private final String source;
  private final Map<String, String> libdefaults;

  private Krb5Conf(String source, Map<String, String> libdefaults) {
    this.source = source;
    this.libdefaults = Map.copyOf(libdefaults);
  }

  /** The krb5.conf this JVM would use: {@value #JDK_PROPERTY}, then {@value #MIT_ENV}, then /etc. */
  public static Krb5Conf load() throws Krb5ConfException {
    return load(System::getProperty, System::getenv);
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
      return read(file);
    }
    String list = env.apply(MIT_ENV);
    if (list != null && !list.isEmpty()) {
      for (String name : list.split(":")) {
        if (!name.isEmpty() && Files.isRegularFile(Path.of(name))) {
          return read(Path.of(name));
        }
      }
    }
    return Files.isRegularFile(DEFAULT_FILE) ? read(DEFAULT_FILE) : NONE;
  }

  /**
   * The JVM's configuration for callers that must not fail (the SPI's name and default-keytab
   * lookups): {@link #load()}, or an empty configuration when it cannot be read or parsed; the
   * JDK's {@code java.security.krb5.realm} property overrides {@code default_realm}, as in the JDK.
   */
  public static Krb5Conf forJvm() {
    Krb5Conf conf;
    try {
      conf = load();
    } catch (Krb5ConfException e) {
      conf = NONE;
    }
    String realm = System.getProperty("java.security.krb5.realm");
    if (realm == null || realm.isEmpty()) {
      return conf;
    }
    Map<String, String> values = new LinkedHashMap<>(conf.libdefaults);
    values.put("default_realm", realm);
    return new Krb5Conf(conf.source, values);
  }

  /** Lenient parse of lines (tests, SPI): a malformed file yields an empty configuration. */
  static Krb5Conf parse(java.util.List<String> lines) {
    try {
      return parse(String.join("\n", lines), "(lines)");
    } catch (Krb5ConfException e) {
      return NONE;
    }
  }

  /** Reads and parses one file. */
  public static Krb5Conf read(Path file) throws Krb5ConfException {
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

  /** {@code [libdefaults] default_realm}. */
  public Optional<String> defaultRealm() {
    return libdefault("default_realm");
  }

  /** {@code [libdefaults] default_keytab_name}, e.g. {@code FILE:/etc/krb5.keytab}. */
  public Optional<String> defaultKeytabName() {
    return libdefault("default_keytab_name");
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
