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
  static final int KDC_ERR_ETYPE_NOSUPP = 14;
  static final int KRB_AP_ERR_BAD_INTEGRITY = 31;
  static final int KRB_AP_ERR_TKT_EXPIRED = 32;
  static final int KRB_AP_ERR_TKT_NYV = 33;
  static final int KRB_AP_ERR_REPEAT = 34;
  static final int KRB_AP_ERR_NOT_US = 35;
  static final int KRB_AP_ERR_BADMATCH = 36;
  static final int KRB_AP_ERR_SKEW = 37;
  static final int KRB_AP_ERR_MODIFIED = 41;
  static final int KRB_AP_ERR_BADKEYVER = 44;
  static final int KRB_AP_ERR_NOKEY = 45;
  static final int KRB_ERR_GENERIC = 60;
  private static final int PVNO = 5;
  private static final int KRB_ERROR = 30;

  private KrbErrorBuilder() {}

  /** The RFC 4120 §7.5.9 error code for a rejection reason. */
  static int errorCode(Reason reason) {
    switch (reason) {
      case CLOCK_SKEW: return KRB_AP_ERR_SKEW;
      case REPLAY: return KRB_AP_ERR_REPEAT;
      case TICKET_EXPIRED: return KRB_AP_ERR_TKT_EXPIRED;
      case TICKET_NOT_YET_VALID: return KRB_AP_ERR_TKT_NYV;
      case SERVICE_NOT_IN_KEYTAB:
      case SERVICE_NOT_ALLOWED: return KRB_AP_ERR_NOT_US;
      case KVNO_MISMATCH: return KRB_AP_ERR_BADKEYVER;
      case ENCTYPE_NOT_IN_KEYTAB: return KRB_AP_ERR_NOKEY;
      case ENCTYPE_NOT_PERMITTED: return KDC_ERR_ETYPE_NOSUPP;
      case TICKET_INTEGRITY:
      case AUTHENTICATOR_INTEGRITY: return KRB_AP_ERR_BAD_INTEGRITY;
      case CLIENT_MISMATCH: return KRB_AP_ERR_BADMATCH;
      case MALFORMED_TOKEN:
      case BAD_GSS_CHECKSUM:
      case CHANNEL_BINDING_MISMATCH: return KRB_AP_ERR_MODIFIED;
      default: return KRB_ERR_GENERIC;
    }
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
