package dev.krb5gss.der;

import java.nio.charset.StandardCharsets;

/**
 * The printable-ASCII KerberosStrings decoded lately, so the few that every request repeats (the
 * realm, three times an AP-REQ; the service's name; a client's name on its next request) are not
 * a new {@code String} each time. A fixed table of {@link #SLOTS} strings of at most
 * {@link #MAX_LENGTH} characters, indexed by a hash of the bytes: a hit is returned only when
 * every byte matches, a miss replaces the slot. Bounded whatever a peer sends (at most 256
 * strings of 64 characters); a peer that fills it with its own names only costs the next lookup
 * a miss. Shared by all threads without a lock: a slot holds an immutable {@code String}
 * reference, so a racing reader sees either string whole (JLS §17.5), and a lost update is a
 * miss.
 */
final class RecentStrings {
  static final int MAX_LENGTH = 64;
  private static final int SLOTS = 256;
  private static final String[] TABLE = new String[SLOTS];

  private RecentStrings() {}

  /** {@code b[from, from + len)}, printable ASCII and at most {@link #MAX_LENGTH} bytes. */
  static String ascii(byte[] b, int from, int len) {
    int h = len;
    for (int i = from; i < from + len; i++) {
      h = 31 * h + b[i];
    }
    int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
    String s = TABLE[slot];
    if (s != null && equal(s, b, from, len)) {
      return s;
    }
    s = new String(b, from, len, StandardCharsets.ISO_8859_1);
    TABLE[slot] = s;
    return s;
  }

  private static boolean equal(String s, byte[] b, int from, int len) {
    if (s.length() != len) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (s.charAt(i) != b[from + i]) {
        return false;
      }
    }
    return true;
  }
}
