package dev.krb5gss.error;

import org.ietf.jgss.GSSException;

/**
 * Why an authentication or a per-message token was rejected: a machine-readable code, the
 * GSS-API major status it maps to (RFC 2743 §1.2.1.1), and a stable minor code.
 *
 * <p>Each reason carries two pinned numbers, stable across releases (as MIT pins the positions of
 * its error tables): the GSS minor status {@link #MINOR_BASE} + {@link #code()}, which lets callers
 * of the GSS-API tell reasons apart where the major code alone would collapse them, and the RFC
 * 4120 §7.5.9 error code sent in the KRB-ERROR token. A new reason takes the next free code; no
 * code is ever reused or renumbered ({@code ReasonTest} pins them all).
 */
public enum Reason {
  /** Not a token we can parse: bad framing, bad DER, a length past the end. */
  MALFORMED_TOKEN(GSSException.DEFECTIVE_TOKEN, 0, KrbErrorCode.KRB_AP_ERR_MODIFIED),
  /** The token is larger than the configured maximum. */
  TOKEN_TOO_LARGE(GSSException.DEFECTIVE_TOKEN, 1, KrbErrorCode.KRB_ERR_GENERIC),
  /** The token is for another GSS mechanism than the ones we accept. */
  UNSUPPORTED_MECHANISM(GSSException.BAD_MECH, 2, KrbErrorCode.KRB_ERR_GENERIC),
  /** The client sent NTLM (raw NTLMSSP or an NTLM-only SPNEGO offer): it got no Kerberos ticket. */
  NTLM_OFFERED(GSSException.BAD_MECH, 3, KrbErrorCode.KRB_ERR_GENERIC),
  /** The ticket is for a service principal that is not in the acceptor's keys. */
  SERVICE_NOT_IN_KEYTAB(GSSException.NO_CRED, 4, KrbErrorCode.KRB_AP_ERR_NOT_US),
  /** The ticket names a service principal the SPN allowlist does not admit. */
  SERVICE_NOT_ALLOWED(GSSException.NO_CRED, 5, KrbErrorCode.KRB_AP_ERR_NOT_US),
  /** The ticket's key version differs from every version the keytab holds for that principal. */
  KVNO_MISMATCH(GSSException.NO_CRED, 6, KrbErrorCode.KRB_AP_ERR_BADKEYVER),
  /** The ticket's enctype has no key in the keytab for that principal. */
  ENCTYPE_NOT_IN_KEYTAB(GSSException.NO_CRED, 7, KrbErrorCode.KRB_AP_ERR_NOKEY),
  /** The enctype is known but disabled by the enctype policy (e.g. rc4-hmac) or weak (des, des3). */
  ENCTYPE_NOT_PERMITTED(GSSException.BAD_MECH, 8, KrbErrorCode.KDC_ERR_ETYPE_NOSUPP),
  /** The ticket did not decrypt with the key that matches its kvno and enctype (wrong key). */
  TICKET_INTEGRITY(GSSException.DEFECTIVE_CREDENTIAL, 9, KrbErrorCode.KRB_AP_ERR_BAD_INTEGRITY),
  /** The authenticator or AP-REP did not decrypt with the ticket's session key. */
  AUTHENTICATOR_INTEGRITY(GSSException.DEFECTIVE_TOKEN, 10, KrbErrorCode.KRB_AP_ERR_BAD_INTEGRITY),
  /** The authenticator's client differs from the ticket's client. */
  CLIENT_MISMATCH(GSSException.DEFECTIVE_TOKEN, 11, KrbErrorCode.KRB_AP_ERR_BADMATCH),
  /** The authenticator time is outside the allowed clock skew. */
  CLOCK_SKEW(GSSException.FAILURE, 12, KrbErrorCode.KRB_AP_ERR_SKEW),
  /** The ticket's end time has passed. */
  TICKET_EXPIRED(GSSException.CREDENTIALS_EXPIRED, 13, KrbErrorCode.KRB_AP_ERR_TKT_EXPIRED),
  /** The ticket's start time is in the future (beyond the skew). */
  TICKET_NOT_YET_VALID(GSSException.CREDENTIALS_EXPIRED, 14, KrbErrorCode.KRB_AP_ERR_TKT_NYV),
  /** The authenticator was seen before (RFC 4120 §3.2.3). */
  REPLAY(GSSException.DUPLICATE_TOKEN, 15, KrbErrorCode.KRB_AP_ERR_REPEAT),
  /** The RFC 4121 §4.1.1 checksum (type 0x8003) is missing or malformed. */
  BAD_GSS_CHECKSUM(GSSException.DEFECTIVE_TOKEN, 16, KrbErrorCode.KRB_AP_ERR_MODIFIED),
  /** The client's channel bindings differ from the acceptor's (RFC 4121 §4.1.1.2). */
  CHANNEL_BINDING_MISMATCH(GSSException.BAD_BINDINGS, 17, KrbErrorCode.KRB_AP_ERR_MODIFIED),
  /** A per-message token's MIC or integrity check failed (RFC 4121 §4.2). */
  BAD_MIC(GSSException.BAD_MIC, 18, KrbErrorCode.KRB_ERR_GENERIC),
  /** A per-message token was seen before. */
  DUPLICATE_TOKEN(GSSException.DUPLICATE_TOKEN, 19, KrbErrorCode.KRB_ERR_GENERIC),
  /** A per-message token is older than the replay window. */
  OLD_TOKEN(GSSException.OLD_TOKEN, 20, KrbErrorCode.KRB_ERR_GENERIC),
  /** A per-message token arrived after a later one. */
  UNSEQ_TOKEN(GSSException.UNSEQ_TOKEN, 21, KrbErrorCode.KRB_ERR_GENERIC),
  /** Per-message tokens were skipped. */
  GAP_TOKEN(GSSException.GAP_TOKEN, 22, KrbErrorCode.KRB_ERR_GENERIC),
  /** The wait for a further leg passed the leg deadline, or the context lifetime ended. */
  CONTEXT_EXPIRED(GSSException.CONTEXT_EXPIRED, 23, KrbErrorCode.KRB_ERR_GENERIC),
  /** The context is in a state that refuses this call (failed, disposed, not yet established). */
  NO_CONTEXT(GSSException.NO_CONTEXT, 24, KrbErrorCode.KRB_ERR_GENERIC),
  /** Too many negotiations are pending; a new one is refused to protect the server. */
  TOO_MANY_PENDING(GSSException.FAILURE, 25, KrbErrorCode.KRB_ERR_GENERIC),
  /** The SPNEGO mechListMIC did not verify: the mechanism list may have been tampered with. */
  MECHLIST_MIC_FAILED(GSSException.BAD_MIC, 26, KrbErrorCode.KRB_ERR_GENERIC),
  /** No acceptor credentials: no keytab, an empty one, or none the policy permits. */
  NO_CREDENTIALS(GSSException.NO_CRED, 27, KrbErrorCode.KRB_ERR_GENERIC),
  /** The caller asked for an operation this mechanism does not support. */
  UNSUPPORTED_OPERATION(GSSException.UNAVAILABLE, 28, KrbErrorCode.KRB_ERR_GENERIC),
  /**
   * A pending negotiation was evicted to make room while the store was full (a flood of
   * half-open negotiations); the client starts over.
   */
  PENDING_EVICTED(GSSException.CONTEXT_EXPIRED, 29, KrbErrorCode.KRB_ERR_GENERIC),
  /** The ticket's PAC (MS-PAC) failed a structural, signature or consistency check. */
  PAC_INVALID(GSSException.DEFECTIVE_CREDENTIAL, 30, KrbErrorCode.KRB_AP_ERR_MODIFIED),
  /** The acceptor requires a PAC and the ticket carries none. */
  PAC_REQUIRED(GSSException.DEFECTIVE_CREDENTIAL, 31, KrbErrorCode.KRB_ERR_GENERIC),
  /** The shared replay cache could not be consulted (unreachable or too slow); fail closed. */
  REPLAY_CACHE_UNAVAILABLE(GSSException.FAILURE, 32, KrbErrorCode.KRB_ERR_GENERIC),
  /**
   * The replay cache refused a new entry: this client holds its full share of the cache (others
   * are still served), or the whole cache is full.
   */
  REPLAY_CACHE_FULL(GSSException.FAILURE, 33, KrbErrorCode.KRB_ERR_GENERIC);

  private static final Reason[] BY_CODE;

  static {
    int max = 0;
    for (Reason r : values()) {
      max = Math.max(max, r.code);
    }
    BY_CODE = new Reason[max + 1];
    for (Reason r : values()) {
      if (BY_CODE[r.code] != null) {
        throw new ExceptionInInitializerError("two reasons share code " + r.code);
      }
      BY_CODE[r.code] = r;
    }
  }

  /** Offset of our minor codes, so they do not collide with small integers used elsewhere. */
  public static final int MINOR_BASE = 0x4b470000;

  private final int gssMajor;
  private final int code;
  private final int krbErrorCode;

  Reason(int gssMajor, int code, int krbErrorCode) {
    this.gssMajor = gssMajor;
    this.code = code;
    this.krbErrorCode = krbErrorCode;
  }

  /** The pinned code of this reason (the minor status less {@link #MINOR_BASE}). */
  public int code() {
    return code;
  }

  /** The RFC 4120 §7.5.9 error code a KRB-ERROR carries for this reason. */
  public int krbErrorCode() {
    return krbErrorCode;
  }

  /** The {@link GSSException} major code this reason maps to. */
  public int gssMajor() {
    return gssMajor;
  }

  /** The GSS minor status that identifies this reason. */
  public int minorCode() {
    return MINOR_BASE + code;
  }

  /** The reason with this minor code, if any. */
  public static java.util.Optional<Reason> fromMinorCode(int minor) {
    int index = minor - MINOR_BASE;
    return index >= 0 && index < BY_CODE.length
        ? java.util.Optional.ofNullable(BY_CODE[index]) : java.util.Optional.empty();
  }

  /** RFC 4120 §7.5.9 error codes used by {@link Reason#krbErrorCode()}. */
  static final class KrbErrorCode {
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

    private KrbErrorCode() {}
  }
}
