package dev.krb5gss.web;

import dev.krb5gss.context.Negotiated;
import dev.krb5gss.crypto.EncType;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parsers for attribute text, each failing with "expected X" (the caller adds the attribute and
 * the value): booleans, counts, durations (ISO-8601 {@code PT30S} or plain seconds {@code 30}),
 * comma-separated lists, enctype and mechanism names, regular expressions.
 */
final class SettingValues {
  static final String BOOLEAN = "true or false";
  static final String DURATION = "a duration: ISO-8601 (PT30S, PT5M) or whole seconds (30)";
  static final String MECHANISMS = "a comma-separated list of krb5, ms-krb5, spnego";

  private SettingValues() {}

  static boolean bool(String v) {
    switch (v.toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new IllegalArgumentException("not a boolean");
    }
  }

  static int count(String v, int min, int max) {
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("not a whole number in [" + min + ", " + max + "]");
  }

  /** A positive duration of at most {@code max}. */
  static Duration duration(String v, Duration max) {
    Duration d = duration(v);
    if (d.compareTo(max) > 0) {
      throw new IllegalArgumentException(d + " is longer than the maximum " + max);
    }
    return d;
  }

  static Duration duration(String v) {
    try {
      Duration d = v.chars().allMatch(Character::isDigit) && !v.isEmpty()
          ? Duration.ofSeconds(Long.parseLong(v)) : Duration.parse(v.toUpperCase(Locale.ROOT));
      if (!d.isNegative() && !d.isZero()) {
        return d;
      }
    } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
      // reported below
    }
    throw new IllegalArgumentException("not a positive duration");
  }

  static List<String> list(String v) {
    List<String> items = new ArrayList<>();
    for (String part : v.split(",", -1)) {
      String item = part.strip();
      if (item.isEmpty()) {
        throw new IllegalArgumentException("expected comma-separated entries, got an empty one");
      }
      items.add(item);
    }
    return items;
  }

  static List<EncType> enctypes(String v) {
    List<EncType> types = new ArrayList<>();
    for (String name : list(v)) {
      EncType e = EncType.byName(name);
      if (e == null) {
        throw new IllegalArgumentException("expected enctype names such as "
            + "aes256-cts-hmac-sha384-192, aes128-cts-hmac-sha256-128, aes256-cts-hmac-sha1-96, "
            + "aes128-cts-hmac-sha1-96 (rc4-hmac through allowRc4), got " + name);
      }
      types.add(e);
    }
    return types;
  }

  static Negotiated[] mechanisms(String v) {
    List<Negotiated> mechs = new ArrayList<>();
    for (String name : list(v)) {
      switch (name.toLowerCase(Locale.ROOT)) {
        case "krb5":
          mechs.add(Negotiated.KRB5);
          break;
        case "ms-krb5":
          mechs.add(Negotiated.MS_KRB5);
          break;
        case "spnego":
          mechs.add(Negotiated.SPNEGO);
          break;
        default:
          throw new IllegalArgumentException("expected " + MECHANISMS + ", got " + name);
      }
    }
    return mechs.toArray(new Negotiated[0]);
  }

  static Pattern regex(String v) {
    try {
      return Pattern.compile(v);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("expected a Java regular expression ("
          + e.getDescription() + ")");
    }
  }

  /** A {@link SidRoleMapper} file, read now. */
  static RoleMapper roleMapping(String v) {
    try {
      return SidRoleMapper.load(java.nio.file.Path.of(v));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("cannot read " + v + ": " + e.getMessage(), e);
    }
  }
}
