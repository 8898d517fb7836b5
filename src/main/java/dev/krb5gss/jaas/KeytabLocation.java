package dev.krb5gss.jaas;

import static dev.krb5gss.jaas.KeytabLoginException.Problem.BAD_KRB5_CONF;
import static dev.krb5gss.jaas.KeytabLoginException.Problem.INVALID_OPTION;

import dev.krb5gss.config.KerberosDefaults;
import dev.krb5gss.config.Krb5Conf;
import dev.krb5gss.config.Krb5ConfException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the keytab is: the {@code keyTab} option (a path, a {@code file:} URL, or MIT's
 * {@code FILE:} prefix), else the default {@link KerberosDefaults} decides (KRB5_KTNAME,
 * default_keytab_name, the JDK's and MIT's built-in defaults); with a description of that source
 * for messages.
 */
final class KeytabLocation {
  final Path path;
  final String source;

  private KeytabLocation(Path path, String source) {
    this.path = path.toAbsolutePath().normalize();
    this.source = source;
  }

  static KeytabLocation resolve(String option, Krb5ConfSupplier conf) throws KeytabLoginException {
    if (option != null) {
      return new KeytabLocation(toPath(option, LoginOptions.KEY_TAB), "keyTab option");
    }
    Krb5Conf krb5;
    try {
      krb5 = conf.get();
    } catch (Krb5ConfException e) {
      throw KeytabLoginException.of(BAD_KRB5_CONF, "KeytabLoginModule: the keyTab option is not "
          + "set and the krb5.conf for its default cannot be used: " + e.getMessage());
    }
    KerberosDefaults.Located<Path> located = KerberosDefaults.keytab(krb5);
    return new KeytabLocation(located.value(), located.source()
        + (located.source().startsWith("the default") ? "" : ", as the keyTab option is not set"));
  }

  /**
   * A path, MIT's {@code FILE:/x} or {@code WRFILE:/x} (a raw path), or a {@code file:} URL
   * ({@code file:/x}, {@code file:///x}, percent-escapes decoded).
   */
  static Path toPath(String value, String what) throws KeytabLoginException {
    String lower = value.toLowerCase(Locale.ROOT);
    try {
      if (value.startsWith("FILE:") || value.startsWith("WRFILE:")) {
        return Path.of(value.substring(value.indexOf(':') + 1));
      }
      if (lower.startsWith("file:")) {
        String rest = value.substring(value.indexOf(':') + 1);
        if (!rest.startsWith("/")) {
          return Path.of(rest);
        }
        try {
          return Path.of(new URI("file:" + rest));
        } catch (URISyntaxException e) {
          return Path.of(rest);   // a raw path with characters a URL would escape
        }
      }
      if (value.matches("[A-Za-z][A-Za-z0-9+.-]+:.*")) {
        throw KeytabLoginException.option(INVALID_OPTION, what, "KeytabLoginModule: " + what
            + "=" + value + " is not a file keytab: give a path, a file: URL or FILE:/path");
      }
      return Path.of(value);
    } catch (IllegalArgumentException e) {
      throw KeytabLoginException.option(INVALID_OPTION, what, "KeytabLoginModule: " + what + "="
          + value + " is not a usable file path: " + e.getMessage());
    }
  }

  /** A krb5.conf read on first use. */
  interface Krb5ConfSupplier {
    Krb5Conf get() throws Krb5ConfException;
  }
}
