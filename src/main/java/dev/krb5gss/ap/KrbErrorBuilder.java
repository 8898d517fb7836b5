package dev.krb5gss.ap;

import dev.krb5gss.der.DerWriter;
import dev.krb5gss.error.Reason;
import dev.krb5gss.name.PrincipalName;
import java.time.Instant;

/**
 * Builds the KRB-ERROR token (RFC 4120 §5.9.1, framed with TOK_ID 03 00 per RFC 4121 §4.1) an
 * acceptor returns on failure, as MIT's does: the error code, our time (stime/susec, so a client
 * can correct for KRB_AP_ERR_SKEW), and the service realm and name. No e-text: our messages name
 * keytab contents, which are not the client's business.
 */
final class KrbErrorBuilder {
  private static final int PVNO = 5;
  private static final int KRB_ERROR = 30;

  private KrbErrorBuilder() {}

  /** The RFC 4120 §7.5.9 error code for a rejection reason (pinned in {@link Reason}). */
  static int errorCode(Reason reason) {
    return reason.krbErrorCode();
  }

  /** The framed KRB-ERROR token for {@code reason}, as from {@code server} at {@code now}. */
  static byte[] build(String mechOid, Reason reason, PrincipalName server, Instant now) {
    byte[] krbError = DerWriter.application(KRB_ERROR,
        DerWriter.explicit(0, DerWriter.integer(PVNO)),
        DerWriter.explicit(1, DerWriter.integer(KRB_ERROR)),
        DerWriter.explicit(4, DerWriter.kerberosTime(now)),
        DerWriter.explicit(5, DerWriter.integer(now.getNano() / 1000)),
        DerWriter.explicit(6, DerWriter.integer(errorCode(reason))),
        DerWriter.explicit(9, DerWriter.generalString(server.realm())),
        DerWriter.explicit(10, principal(server)));
    return InitialContextToken.frame(mechOid, InitialContextToken.TOK_ERROR, krbError);
  }

  static byte[] principal(PrincipalName p) {
    byte[][] strings = new byte[p.components().size()][];
    for (int i = 0; i < strings.length; i++) {
      strings[i] = DerWriter.generalString(p.components().get(i));
    }
    return DerWriter.sequence(
        DerWriter.explicit(0, DerWriter.integer(p.nameType())),
        DerWriter.explicit(1, DerWriter.sequence(strings)));
  }
}
