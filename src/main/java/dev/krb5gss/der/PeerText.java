package dev.krb5gss.der;

/**
 * Text a peer controls (principal names, realms) on its way into messages and log lines. A
 * character is <em>unsafe</em> when it can forge or disguise a log line: C0 and C1 controls
 * (Unicode category Cc, which includes CR, LF, ESC, DEL, NEL U+0085 and CSI U+009B), the line and
 * paragraph separators U+2028/U+2029, and the bidirectional formatting characters (U+061C,
 * U+200E/200F, U+202A-202E, U+2066-2069; Unicode UAX #9 §2, the "Trojan Source" characters,
 * CVE-2021-42574). The DER reader refuses KerberosStrings holding any of them; log sinks escape
 * them and cap the length of what they quote.
 */
public final class PeerText {
  private PeerText() {}

  /** Whether {@code codePoint} must never reach a log line as itself. */
  public static boolean isUnsafe(int codePoint) {
    int type = Character.getType(codePoint);
    if (type == Character.CONTROL || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR) {
      return true;
    }
    return codePoint == 0x061c || codePoint == 0x200e || codePoint == 0x200f
        || (codePoint >= 0x202a && codePoint <= 0x202e)
        || (codePoint >= 0x2066 && codePoint <= 0x2069);
  }

  /** The index of the first unsafe character of {@code s}, or -1. */
  public static int firstUnsafe(String s) {
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (isUnsafe(cp)) {
        return i;
      }
      i += Character.charCount(cp);
    }
    return -1;
  }

  /** {@code s} with every unsafe character written as {@code \\uXXXX}. */
  public static String escape(String s) {
    if (firstUnsafe(s) < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (isUnsafe(cp)) {
        sb.append(String.format("\\u%04x", cp));
      } else {
        sb.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
    return sb.toString();
  }

  /**
   * {@code s} if at most {@code max} chars long; otherwise its head and its last quarter (where a
   * message states the fix) around {@code [... N chars omitted ...]}.
   */
  public static String cap(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int tail = max / 4;
    int head = max - tail;
    return s.substring(0, head) + " [... " + (s.length() - head - tail) + " chars omitted ...] "
        + s.substring(s.length() - tail);
  }

  /** {@link #escape} then {@link #cap}: what a log line may quote of peer-influenced text. */
  public static String forLog(String s, int max) {
    return cap(escape(s), max);
  }
}
