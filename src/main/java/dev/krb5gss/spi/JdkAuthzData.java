package dev.krb5gss.spi;

import dev.krb5gss.der.DerReader;
import dev.krb5gss.error.RejectedException;
import java.util.ArrayList;
import java.util.List;
import org.ietf.jgss.GSSException;
import sun.security.krb5.internal.AuthorizationData;
import sun.security.krb5.internal.AuthorizationDataEntry;

/**
 * Decodes AuthorizationData (RFC 4120 §5.2.6: SEQUENCE OF { ad-type [0] Int32, ad-data [1] OCTET
 * STRING }) into the JDK's internal type, through {@link DerReader}'s strict Int32 and lengths. Loaded only when {@code sun.security.krb5.internal} is
 * exported to us.
 */
final class JdkAuthzData {
  private JdkAuthzData() {}

  static AuthorizationData decode(byte[] der) throws GSSException {
    try {
      DerReader seq = DerReader.of(der, "AuthorizationData").read(DerReader.SEQUENCE);
      List<AuthorizationDataEntry> entries = new ArrayList<>();
      while (seq.hasMore()) {
        DerReader entry = seq.read(DerReader.SEQUENCE);
        int type = entry.read(0xa0).readInt32();
        byte[] data = entry.read(0xa1).readOctetString();
        entry.expectEnd();
        entries.add(new AuthorizationDataEntry(type, data));
      }
      return new AuthorizationData(entries.toArray(new AuthorizationDataEntry[0]));
    } catch (RejectedException e) {
      throw GssErrors.of(e);
    } catch (java.io.IOException e) {
      throw GssErrors.of(dev.krb5gss.error.Reason.MALFORMED_TOKEN,
          "the ticket's authorization data is not valid: " + e.getMessage());
    }
  }
}
