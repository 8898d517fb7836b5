package dev.krb5gss.name;

import java.util.regex.Pattern;

/**
 * A service principal allowlist entry: a principal name in MIT string form (RFC 4120 §6.2 names,
 * {@code a/b@REALM}) where {@code *} matches any run of characters, e.g. {@code HTTP/*@EXAMPLE.COM}
 * or {@code *}. A pattern without a realm gets the default realm; without a default realm it
 * matches the name in any realm. Matching is case-sensitive, as Kerberos names are.
 */
public final class PrincipalPattern {
  private final String text;
  private final Pattern regex;
  private final boolean anyRealm;

  private PrincipalPattern(String text, Pattern regex, boolean anyRealm) {
    this.text = text;
    this.regex = regex;
    this.anyRealm = anyRealm;
  }

  /**
   * Compiles {@code pattern}; {@code defaultRealm} may be null or empty when none is known.
   *
   * @throws IllegalArgumentException for an empty pattern
   */
  public static PrincipalPattern compile(String pattern, String defaultRealm) {
    String p = pattern.strip();
    if (p.isEmpty()) {
      throw new IllegalArgumentException("empty principal pattern");
    }
    boolean hasRealm = p.indexOf('@') >= 0 || p.equals("*");
    boolean anyRealm = !hasRealm && (defaultRealm == null || defaultRealm.isEmpty());
    String full = hasRealm || anyRealm ? p : p + "@" + defaultRealm;
    String[] parts = full.split("\\*", -1);
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      re.append(i > 0 ? ".*" : "").append(parts[i].isEmpty() ? "" : Pattern.quote(parts[i]));
    }
    return new PrincipalPattern(full, Pattern.compile(re.toString(), Pattern.DOTALL), anyRealm);
  }

  /** Whether {@code name} matches. */
  public boolean matches(PrincipalName name) {
    String candidate = anyRealm ? name.nameWithoutRealm() : name.toString();
    return regex.matcher(candidate).matches();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PrincipalPattern && ((PrincipalPattern) o).text.equals(text)
        && ((PrincipalPattern) o).anyRealm == anyRealm;
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** The pattern as given, with the default realm added where it was applied. */
  @Override
  public String toString() {
    return text;
  }
}
