package dev.krb5gss.name;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Kerberos principal name with its realm (RFC 4120 §5.2.2, §6.2), immutable. The string form
 * is MIT's: components joined by {@code /}, then {@code @REALM}, with {@code \} escaping
 * {@code / @ \}.
 */
public final class PrincipalName {
  /** NT-PRINCIPAL (RFC 4120 §6.2). */
  public static final int NT_PRINCIPAL = 1;
  /** NT-SRV-INST. */
  public static final int NT_SRV_INST = 2;
  /** NT-SRV-HST. */
  public static final int NT_SRV_HST = 3;

  private final int nameType;
  private final List<String> components;
  private final String realm;
  /** Cached {@link #toString()}; a benign race computes the same string twice at worst. */
  private String text;

  private PrincipalName(int nameType, List<String> components, String realm) {
    if (components.isEmpty()) {
      throw new IllegalArgumentException("a principal name needs at least one component");
    }
    this.nameType = nameType;
    this.components = List.copyOf(components);
    this.realm = Objects.requireNonNull(realm, "realm");
  }

  public static PrincipalName of(int nameType, List<String> components, String realm) {
    return new PrincipalName(nameType, components, realm);
  }

  /**
   * Parses {@code a/b@REALM}; a name without a realm gets {@code defaultRealm} (which may be empty
   * when no default is known).
   */
  public static PrincipalName parse(String text, String defaultRealm) {
    List<String> parts = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    String realm = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        cur.append(text.charAt(++i));
      } else if (c == '/' && realm == null) {
        parts.add(cur.toString());
        cur.setLength(0);
      } else if (c == '@' && realm == null) {
        parts.add(cur.toString());
        cur.setLength(0);
        realm = "";
      } else {
        cur.append(c);
      }
    }
    if (realm == null) {
      parts.add(cur.toString());
      realm = defaultRealm == null ? "" : defaultRealm;
    } else {
      realm = cur.toString();
    }
    for (String p : parts) {
      if (p.isEmpty()) {
        throw new IllegalArgumentException("empty component in principal name '" + text + "'");
      }
    }
    int type = parts.size() > 1 ? NT_SRV_HST : NT_PRINCIPAL;
    return new PrincipalName(type, parts, realm);
  }

  public int nameType() {
    return nameType;
  }

  public List<String> components() {
    return components;
  }

  public String realm() {
    return realm;
  }

  /** The same name in another realm. */
  public PrincipalName withRealm(String newRealm) {
    return new PrincipalName(nameType, components, newRealm);
  }

  /** The name without the realm, e.g. {@code HTTP/host.example.com}. */
  public String nameWithoutRealm() {
    if (components.size() == 1 && !needsEscape(components.get(0))) {
      return components.get(0);
    }
    StringBuilder sb = new StringBuilder(textLength());
    appendName(sb);
    return sb.toString();
  }

  private void appendName(StringBuilder sb) {
    for (int i = 0; i < components.size(); i++) {
      if (i > 0) {
        sb.append('/');
      }
      escape(components.get(i), sb);
    }
  }

  /** The length of the text form when nothing needs escaping (a capacity, not a promise). */
  private int textLength() {
    int n = realm.length() + components.size();
    for (int i = 0; i < components.size(); i++) {
      n += components.get(i).length();
    }
    return n;
  }

  private static boolean needsEscape(String s) {
    return s.indexOf('/') >= 0 || s.indexOf('@') >= 0 || s.indexOf('\\') >= 0;
  }

  private static void escape(String s, StringBuilder sb) {
    if (!needsEscape(s)) {
      sb.append(s);
      return;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '/' || c == '@' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
  }

  /** Equality ignores the name type, as RFC 4120 §6.2 says names compare by components and realm. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof PrincipalName)) {
      return false;
    }
    PrincipalName p = (PrincipalName) o;
    if (components.size() != p.components.size() || !realm.equals(p.realm)) {
      return false;
    }
    for (int i = 0; i < components.size(); i++) { // (List.equals walks two iterators)
      if (!components.get(i).equals(p.components.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return components.hashCode() * 31 + realm.hashCode();
  }

  /** The escaped text form {@code name@REALM} (RFC 1964 §2.1.1), computed once. */
  @Override
  public String toString() {
    String t = text;
    if (t == null) {
      t = format();
      text = t;
    }
    return t;
  }

  /**
   * The text form. The usual names (one or two components and a realm, nothing to escape) are
   * concatenated directly, which allocates just the {@code String} and its bytes; the others are
   * built with escapes.
   */
  private String format() {
    int n = components.size();
    if (n <= 2 && !realm.isEmpty() && !needsEscape(realm)) {
      String first = components.get(0);
      if (n == 1 && !needsEscape(first)) {
        return first + "@" + realm;
      }
      if (n == 2 && !needsEscape(first) && !needsEscape(components.get(1))) {
        return first + "/" + components.get(1) + "@" + realm;
      }
    }
    return escaped();
  }

  /** The text form built with escapes: the general case of {@link #format()}. */
  String escaped() {
    StringBuilder sb = new StringBuilder(textLength() + 2);
    appendName(sb);
    if (!realm.isEmpty()) {
      sb.append('@');
      escape(realm, sb);
    }
    return sb.toString();
  }
}
