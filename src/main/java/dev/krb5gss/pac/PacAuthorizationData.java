package dev.krb5gss.pac;

import dev.krb5gss.der.DerReader;
import dev.krb5gss.error.RejectedException;

/**
 * Finds the PAC in a ticket's authorization-data (RFC 4120 §5.2.6): an AD-WIN2K-PAC (128) element,
 * which a KDC wraps in AD-IF-RELEVANT (1) (MS-PAC §3.1 / RFC 4120 §5.2.6.1). Elements are looked
 * for at the top level and inside AD-IF-RELEVANT containers (nested at most {@link #MAX_DEPTH}
 * deep); more than one PAC is refused, as MS-KILE §3.4.5.3 allows one.
 *
 * <p>The PAC is not copied: {@link #find} says where it lies in the authorization data, packed in
 * a {@code long} ({@link #offset}, {@link #length}), and the verifier reads it there without
 * writing to it (the array is the caller's; another thread may be reading it).
 */
final class PacAuthorizationData {
  static final int AD_IF_RELEVANT = 1;
  static final int AD_WIN2K_PAC = 128;
  /** What {@link #find} returns when the authorization data holds no PAC. */
  static final long NONE = -1;
  private static final int MAX_DEPTH = 4;

  private PacAuthorizationData() {}

  /**
   * Where the PAC lies in {@code authorizationData}: its offset and length packed as
   * {@code offset << 32 | length} (read them with {@link #offset} and {@link #length}), or
   * {@link #NONE} when the authorization data holds none. The range lies within the array.
   */
  static long find(byte[] authorizationData) throws RejectedException {
    if (authorizationData.length == 0) {
      return NONE;
    }
    long found;
    try {
      found = collect(authorizationData, 0, authorizationData.length, 0, NONE);
    } catch (RejectedException e) {
      throw PacCheck.AUTHORIZATION_DATA.fail("the ticket's authorization data is not valid DER: "
          + e.detail());
    }
    if (found < NONE) {
      throw PacCheck.AUTHORIZATION_DATA.fail("expected at most one AD-WIN2K-PAC, got "
          + (-found));
    }
    return found;
  }

  /** The PAC's offset in the authorization data, from what {@link #find} returned. */
  static int offset(long found) {
    return (int) (found >>> 32);
  }

  /** The PAC's length, from what {@link #find} returned. */
  static int length(long found) {
    return (int) found;
  }

  /**
   * Walks {@code der[from, to)} in place with one reader (enter/exit), continuing from
   * {@code found}, and returns what it found so far: {@link #NONE}; one PAC's
   * {@code offset << 32 | length} (non-negative: both fit in 31 bits); or, from two PACs on,
   * minus their count (the location no longer matters then).
   */
  private static long collect(byte[] der, int from, int to, int depth, long found)
      throws RejectedException {
    DerReader r = DerReader.of(der, from, to, "AuthorizationData");
    int all = r.enter(DerReader.SEQUENCE);
    r.expectFilled(r.end(), all);
    while (r.hasMore()) {
      int entry = r.enter(DerReader.SEQUENCE);
      int o = r.enterField(0);
      int type = r.readInt32();
      r.exit(o);
      o = r.enterField(1);
      int data = r.enter(DerReader.OCTET_STRING);
      int start = r.position();
      int end = r.end();
      r.skipRest();
      r.exit(data);
      r.exit(o);
      r.exit(entry);
      if (type == AD_WIN2K_PAC) {
        found = found == NONE ? (long) start << 32 | (end - start) : found >= 0 ? -2 : found - 1;
      } else if (type == AD_IF_RELEVANT && depth < MAX_DEPTH) {
        found = collect(der, start, end, depth + 1, found);
      }
    }
    r.exit(all);
    return found;
  }
}
