package dev.krb5gss.pac;

import dev.krb5gss.der.DerReader;
import dev.krb5gss.error.RejectedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

  /** The PAC's bytes, or empty when the authorization data holds none. */
  static Optional<byte[]> find(byte[] authorizationData) throws RejectedException {
    if (authorizationData.length == 0) {
      return Optional.empty();
    }
    List<byte[]> found = new ArrayList<>(1);
    try {
      collect(authorizationData, 0, authorizationData.length, 0, found);
    } catch (RejectedException e) {
      throw PacCheck.AUTHORIZATION_DATA.fail("the ticket's authorization data is not valid DER: "
          + e.detail());
    }
    if (found.size() > 1) {
      throw PacCheck.AUTHORIZATION_DATA.fail("expected at most one AD-WIN2K-PAC, got "
          + found.size());
    }
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /** Walks {@code der[from, to)} in place; only a PAC found is copied out. */
  private static void collect(byte[] der, int from, int to, int depth, List<byte[]> found)
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
        found.add(java.util.Arrays.copyOfRange(der, start, end));
      } else if (type == AD_IF_RELEVANT && depth < MAX_DEPTH) {
        collect(der, start, end, depth + 1, found);
      }
    }
  }
}
