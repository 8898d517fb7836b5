package dev.krb5gss.jaas;

import static dev.krb5gss.jaas.KeytabLoginException.Problem.INVALID_OPTION;
import static dev.krb5gss.jaas.KeytabLoginException.Problem.NO_PRINCIPAL;
import static dev.krb5gss.jaas.KeytabLoginException.Problem.UNKNOWN_OPTION;
import static dev.krb5gss.jaas.KeytabLoginException.Problem.UNSUPPORTED_OPTION;

import dev.krb5gss.replay.ReplayCaches;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The options of {@link KeytabLoginModule}, validated: ours, and the JDK Krb5LoginModule names
 * that keep their meaning for an acceptor. Options that would make the login an initiator, read
 * a ticket cache or ask for a password are refused by name.
 */
final class LoginOptions {
  static final String KEY_TAB = "keyTab";
  static final String PRINCIPAL = "principal";
  static final String ALLOWED = "allowedPrincipals";
  static final String RELOAD = "reload";
  static final String RELOAD_INTERVAL = "reloadInterval";
  static final String ALLOW_RC4 = "allowRc4";
  static final String DEBUG = "debug";
  static final String REPLAY_CACHE = "replayCache";
  static final String REQUIRE_PAC = "requirePac";
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

  /** Krb5LoginModule options accepted with the value that means "acceptor from a keytab". */
  private static final Map<String, String> REQUIRED_VALUES = Map.of(
      "useKeyTab", "true", "storeKey", "true", "isInitiator", "false", "doNotPrompt", "true");
  /** Krb5LoginModule options that have no meaning for an acceptor when switched on. */
  private static final Map<String, String> ACCEPTOR_NONSENSE = Map.of(
      "useTicketCache", "an acceptor logs in from its keytab, not from a ticket cache",
      "renewTGT", "an acceptor has no TGT to renew",
      "useFirstPass", "an acceptor reads its keys from the keytab and takes no password",
      "tryFirstPass", "an acceptor reads its keys from the keytab and takes no password",
      "storePass", "an acceptor takes no password",
      "clearPass", "an acceptor takes no password");
  private static final Set<String> IGNORED = Set.of("refreshKrb5Config");
  private static final Set<String> OURS = Set.of(KEY_TAB, PRINCIPAL, ALLOWED, RELOAD,
      RELOAD_INTERVAL, ALLOW_RC4, DEBUG, REQUIRE_PAC, REPLAY_CACHE);

  final String keyTab;
  final List<String> principals;
  final List<String> allowed;
  final boolean reload;
  final Duration reloadInterval;
  final boolean allowRc4;
  final boolean debug;
  final boolean requirePac;
  /** The replay cache URI for this login's acceptors (dev.krb5gss.replay.ReplayCaches); null: default. */
  final String replayCache;

  private LoginOptions(Map<String, ?> o) throws KeytabLoginException {
    checkNames(o);
    checkJdkOptions(o);
    this.keyTab = text(o, KEY_TAB);
    this.principals = principals(o);
    this.allowed = list(o, ALLOWED);
    this.reload = bool(o, RELOAD, true);
    this.reloadInterval = interval(o);
    this.allowRc4 = bool(o, ALLOW_RC4, false);
    this.debug = bool(o, DEBUG, false);
    this.requirePac = bool(o, REQUIRE_PAC, false);
    this.replayCache = replayCache(o);
  }

  static LoginOptions parse(Map<String, ?> options) throws KeytabLoginException {
    return new LoginOptions(options);
  }

  /** True for {@code principal=*}: any principal of the keytab. */
  boolean anyPrincipal() {
    return principals.equals(List.of("*"));
  }

  private static void checkNames(Map<String, ?> o) throws KeytabLoginException {
    for (String name : o.keySet()) {
      if (OURS.contains(name) || REQUIRED_VALUES.containsKey(name) || IGNORED.contains(name)
          || ACCEPTOR_NONSENSE.containsKey(name) || name.equals("ticketCache")) {
        continue;
      }
      String hint = known().stream().filter(k -> k.equalsIgnoreCase(name)).findFirst()
          .map(k -> " (did you mean " + k + "? option names are case-sensitive)").orElse("");
      throw KeytabLoginException.option(UNKNOWN_OPTION, name, "KeytabLoginModule: unknown option "
          + name + hint + "; known options: " + known());
    }
  }

  private static Set<String> known() {
    Set<String> all = new TreeSet<>(OURS);
    all.addAll(REQUIRED_VALUES.keySet());
    all.addAll(IGNORED);
    return all;
  }

  private static void checkJdkOptions(Map<String, ?> o) throws KeytabLoginException {
    for (Map.Entry<String, String> e : REQUIRED_VALUES.entrySet()) {
      if (o.containsKey(e.getKey())) {
        String v = String.valueOf(bool(o, e.getKey(), true));
        if (!v.equals(e.getValue())) {
          throw KeytabLoginException.option(UNSUPPORTED_OPTION, e.getKey(), "KeytabLoginModule: "
              + e.getKey() + "=" + v + " is not supported: this module logs a service (acceptor) "
              + "in from its keytab, which needs " + e.getKey() + "=" + e.getValue()
              + " (or leave the option out); for a client login use the JDK's "
              + "com.sun.security.auth.module.Krb5LoginModule");
        }
      }
    }
    for (Map.Entry<String, String> e : ACCEPTOR_NONSENSE.entrySet()) {
      if (bool(o, e.getKey(), false)) {
        throw KeytabLoginException.option(UNSUPPORTED_OPTION, e.getKey(), "KeytabLoginModule: "
            + e.getKey() + "=true is not supported: " + e.getValue() + "; remove the option");
      }
    }
    if (o.containsKey("ticketCache")) {
      throw KeytabLoginException.option(UNSUPPORTED_OPTION, "ticketCache", "KeytabLoginModule: "
          + "ticketCache is not supported: " + ACCEPTOR_NONSENSE.get("useTicketCache")
          + "; remove the option and set keyTab");
    }
  }

  private static List<String> principals(Map<String, ?> o) throws KeytabLoginException {
    List<String> names = list(o, PRINCIPAL);
    if (names.isEmpty()) {
      throw KeytabLoginException.option(NO_PRINCIPAL, PRINCIPAL, "KeytabLoginModule: the "
          + "principal option is missing: name the service principal (HTTP/host.example.com@"
          + "EXAMPLE.COM), several separated by commas, or * for every principal in the keytab");
    }
    if (names.size() > 1 && names.contains("*")) {
      throw KeytabLoginException.option(INVALID_OPTION, PRINCIPAL, "KeytabLoginModule: "
          + "principal=" + String.join(",", names) + " mixes * with names: use * alone, or "
          + "list the names (restrict * with allowedPrincipals)");
    }
    return names;
  }

  private static List<String> list(Map<String, ?> o, String name) throws KeytabLoginException {
    String raw = text(o, name);
    List<String> items = new ArrayList<>();
    if (raw == null) {
      return items;
    }
    for (String part : raw.split(",", -1)) {
      String item = part.strip();
      if (item.isEmpty()) {
        throw KeytabLoginException.option(INVALID_OPTION, name, "KeytabLoginModule: " + name
            + "=\"" + raw + "\" has an empty entry; separate names by single commas");
      }
      items.add(item);
    }
    return items;
  }

  /** Checked now (syntax, Lettuce present), connected on first use: a login never waits for Redis. */
  private static String replayCache(Map<String, ?> o) throws KeytabLoginException {
    String raw = text(o, REPLAY_CACHE);
    if (raw == null) {
      return null;
    }
    try {
      ReplayCaches.validate(raw);
    } catch (IllegalArgumentException e) {
      throw KeytabLoginException.option(INVALID_OPTION, REPLAY_CACHE, "KeytabLoginModule: "
          + REPLAY_CACHE + ": " + e.getMessage());
    }
    return raw;
  }

  private static Duration interval(Map<String, ?> o) throws KeytabLoginException {
    String raw = text(o, RELOAD_INTERVAL);
    if (raw == null) {
      return DEFAULT_INTERVAL;
    }
    try {
      long ms = Long.parseLong(raw);
      if (ms >= 0) {
        return Duration.ofMillis(ms);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw KeytabLoginException.option(INVALID_OPTION, RELOAD_INTERVAL, "KeytabLoginModule: "
        + RELOAD_INTERVAL + "=" + raw + " is not a number of milliseconds >= 0 (default "
        + DEFAULT_INTERVAL.toMillis() + "; 0 checks the file on every use)");
  }

  private static boolean bool(Map<String, ?> o, String name, boolean dflt)
      throws KeytabLoginException {
    String raw = text(o, name);
    if (raw == null) {
      return dflt;
    }
    switch (raw.toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw KeytabLoginException.option(INVALID_OPTION, name, "KeytabLoginModule: " + name
            + "=" + raw + " is not a boolean: expected true or false");
    }
  }

  private static String text(Map<String, ?> o, String name) throws KeytabLoginException {
    Object v = o.get(name);
    if (v == null) {
      return null;
    }
    String s = String.valueOf(v).strip();
    if (s.isEmpty()) {
      throw KeytabLoginException.option(INVALID_OPTION, name, "KeytabLoginModule: option "
          + name + " is empty");
    }
    return s;
  }
}
