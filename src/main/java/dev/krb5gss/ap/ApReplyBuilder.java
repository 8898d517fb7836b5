package dev.krb5gss.ap;

import dev.krb5gss.crypto.CipherKey;
import dev.krb5gss.crypto.CryptoProfile;
import dev.krb5gss.crypto.CryptoProfiles;
import dev.krb5gss.der.DerWriter;
import dev.krb5gss.error.InternalFaultException;
import java.time.Instant;
import java.util.Arrays;

/**
 * Builds the KRB_AP_REP of RFC 4120 §5.5.2 for mutual authentication: EncAPRepPart {ctime, cusec
 * echoed from the authenticator, an acceptor subkey (none for rc4-hmac), our initial sequence
 * number} encrypted in the session key with key usage 12 (§7.5.1), framed as an RFC 4121 §4.1
 * token with TOK_ID 02 00.
 */
final class ApReplyBuilder {
  /** Key usage of EncAPRepPart, RFC 4120 §7.5.1. */
  static final int USAGE_AP_REP = 12;
  private static final int PVNO = 5;
  private static final int KRB_AP_REP = 15;

  private ApReplyBuilder() {}

  /** The framed AP-REP token; {@code acceptorSubkey} may be null (no subkey field). */
  static byte[] build(String mechOid, CipherKey sessionKey, Instant ctime, int cusec,
      CipherKey acceptorSubkey, long sequence) {
    byte[] plain = acceptorSubkey == null
        ? DerWriter.application(27,
            DerWriter.explicit(0, DerWriter.kerberosTime(ctime)),
            DerWriter.explicit(1, DerWriter.integer(cusec)),
            DerWriter.explicit(3, DerWriter.integer(sequence)))
        : withSubkey(ctime, cusec, acceptorSubkey, sequence);
    CryptoProfile profile = CryptoProfiles.of(sessionKey.encType()).orElseThrow(
        () -> new InternalFaultException("no crypto profile for " + sessionKey.encType()));
    byte[] cipher;
    try {
      cipher = profile.encrypt(sessionKey, USAGE_AP_REP, plain, 0, plain.length);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
    byte[] apRep = DerWriter.application(KRB_AP_REP,
        DerWriter.explicit(0, DerWriter.integer(PVNO)),
        DerWriter.explicit(1, DerWriter.integer(KRB_AP_REP)),
        DerWriter.explicit(2, DerWriter.sequence(
            DerWriter.explicit(0, DerWriter.integer(sessionKey.encType().id())),
            DerWriter.explicit(2, DerWriter.octetString(cipher)))));
    return InitialContextToken.frame(mechOid, InitialContextToken.TOK_AP_REP, apRep);
  }

  private static byte[] withSubkey(Instant ctime, int cusec, CipherKey acceptorSubkey,
      long sequence) {
    byte[] keyBytes = acceptorSubkey.secret().toByteArray();
    try {
      return DerWriter.application(27,
          DerWriter.explicit(0, DerWriter.kerberosTime(ctime)),
          DerWriter.explicit(1, DerWriter.integer(cusec)),
          DerWriter.explicit(2, DerWriter.sequence(
              DerWriter.explicit(0, DerWriter.integer(acceptorSubkey.encType().id())),
              DerWriter.explicit(1, DerWriter.octetString(keyBytes)))),
          DerWriter.explicit(3, DerWriter.integer(sequence)));
    } finally {
      Arrays.fill(keyBytes, (byte) 0);
    }
  }
}
