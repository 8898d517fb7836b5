package dev.krb5gss.pac;

import dev.krb5gss.der.DerReader;
import dev.krb5gss.error.RejectedException;

/**
 * Finds the PAC in a ticket's authorization-data (RFC 4120 §5.2.6): an AD-WIN2K-PAC (128) element,
 * which a KDC wraps in AD-IF-RELEVANT (1) (MS-PAC §3.1 / RFC 4120 §5.2.6.1). Elements are looked
 * for at the top level and inside AD-IF-RELEVANT containers (nested at most {@link #MAX_DEPTH}
 * deep); more than one PAC is refused, as MS-KILE §3.4.5.3 allows one.
 */
final class PacAuthorizationData {
  static final int AD_IF_RELEVANT = 1;
  static final int AD_WIN2K_PAC = 128;
  private static final int MAX_DEPTH = 4;

  private PacAuthorizationData() {}

  /**
   * The PAC's bytes, or null when the authorization data holds none. The PAC is copied out: the
   * server-signature check zeroes and restores its signature fields in place
   * ({@link ServerSignature}), which must never touch the caller's array (another thread may be
   * reading or verifying the same authorization data).
   */
  static byte[] pac(byte[] authorizationData) throws RejectedException {
    if (authorizationData.length == 0) {
      return null;
    }
    Found found = new Found();
    try {
      collect(authorizationData, 0, authorizationData.length, 0, found);
    } catch (RejectedException e) {
      throw PacCheck.AUTHORIZATION_DATA.fail("the ticket's authorization data is not valid DER: "
          + e.detail());
    }
    if (found.count > 1) {
      throw PacCheck.AUTHORIZATION_DATA.fail("expected at most one AD-WIN2K-PAC, got "
          + found.count);
    }
    return found.pac;
  }

  /** What the walk found: the first PAC, copied out, and how many there were. */
  private static final class Found {
    byte[] pac;
    int count;
  }

  /** Walks {@code der[from, to)} in place; only the first PAC found is copied out. */
  private static void collect(byte[] der, int from, int to, int depth, Found found)
      throws RejectedException {
    DerReader all = DerReader.of(der, from, to, "AuthorizationData");
    DerReader seq = all.read(DerReader.SEQUENCE);
    all.expectEnd();
    while (seq.hasMore()) {
      DerReader entry = seq.read(DerReader.SEQUENCE);
      DerReader typeField = entry.field(0);
      int type = typeField.readInt32();
      typeField.expectEnd();
      DerReader dataField = entry.field(1);
      DerReader data = dataField.readOctetStringInPlace();
      dataField.expectEnd();
      entry.expectEnd();
      int start = data.position();
      int end = start + data.remaining();
      if (type == AD_WIN2K_PAC) {
        if (found.count++ == 0) {
          found.pac = java.util.Arrays.copyOfRange(der, start, end);
        }
      } else if (type == AD_IF_RELEVANT && depth < MAX_DEPTH) {
        collect(der, start, end, depth + 1, found);
      }
    }
  }
}
