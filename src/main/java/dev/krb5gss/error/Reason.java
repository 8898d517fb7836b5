package dev.krb5gss.error;

import org.ietf.jgss.GSSException;

/**
 * Why an authentication or a per-message token was rejected: a machine-readable code, the
 * GSS-API major status it maps to (RFC 2743 §1.2.1.1), and a stable minor code.
 *
 * <p>The minor code is the ordinal plus {@link #MINOR_BASE}; it is stable within a release and
 * lets callers of the GSS-API tell reasons apart where the major code alone would collapse them.
 */
public enum Reason {
  /** Not a token we can parse: bad framing, bad DER, a length past the end. */
  MALFORMED_TOKEN(GSSException.DEFECTIVE_TOKEN),
  /** The token is larger than the configured maximum. */
  TOKEN_TOO_LARGE(GSSException.DEFECTIVE_TOKEN),
  /** The token is for another GSS mechanism than the ones we accept. */
  UNSUPPORTED_MECHANISM(GSSException.BAD_MECH),
  /** The client sent NTLM (raw NTLMSSP or an NTLM-only SPNEGO offer): it got no Kerberos ticket. */
  NTLM_OFFERED(GSSException.BAD_MECH),
  /** The ticket is for a service principal that is not in the acceptor's keys. */
  SERVICE_NOT_IN_KEYTAB(GSSException.NO_CRED),
  /** The ticket names a service principal the SPN allowlist does not admit. */
  SERVICE_NOT_ALLOWED(GSSException.NO_CRED),
  /** The ticket's key version differs from every version the keytab holds for that principal. */
  KVNO_MISMATCH(GSSException.NO_CRED),
  /** The ticket's enctype has no key in the keytab for that principal. */
  ENCTYPE_NOT_IN_KEYTAB(GSSException.NO_CRED),
  /** The enctype is known but disabled by the enctype policy (e.g. rc4-hmac) or weak (des, des3). */
  ENCTYPE_NOT_PERMITTED(GSSException.BAD_MECH),
  /** The ticket did not decrypt with the key that matches its kvno and enctype (wrong key). */
  TICKET_INTEGRITY(GSSException.DEFECTIVE_CREDENTIAL),
  /** The authenticator or AP-REP did not decrypt with the ticket's session key. */
  AUTHENTICATOR_INTEGRITY(GSSException.DEFECTIVE_TOKEN),
  /** The authenticator's client differs from the ticket's client. */
  CLIENT_MISMATCH(GSSException.DEFECTIVE_TOKEN),
  /** The authenticator time is outside the allowed clock skew. */
  CLOCK_SKEW(GSSException.FAILURE),
  /** The ticket's end time has passed. */
  TICKET_EXPIRED(GSSException.CREDENTIALS_EXPIRED),
  /** The ticket's start time is in the future (beyond the skew). */
  TICKET_NOT_YET_VALID(GSSException.CREDENTIALS_EXPIRED),
  /** The authenticator was seen before (RFC 4120 §3.2.3). */
  REPLAY(GSSException.DUPLICATE_TOKEN),
  /** The RFC 4121 §4.1.1 checksum (type 0x8003) is missing or malformed. */
  BAD_GSS_CHECKSUM(GSSException.DEFECTIVE_TOKEN),
  /** The client's channel bindings differ from the acceptor's (RFC 4121 §4.1.1.2). */
  CHANNEL_BINDING_MISMATCH(GSSException.BAD_BINDINGS),
  /** A per-message token's MIC or integrity check failed (RFC 4121 §4.2). */
  BAD_MIC(GSSException.BAD_MIC),
  /** A per-message token was seen before. */
  DUPLICATE_TOKEN(GSSException.DUPLICATE_TOKEN),
  /** A per-message token is older than the replay window. */
  OLD_TOKEN(GSSException.OLD_TOKEN),
  /** A per-message token arrived after a later one. */
  UNSEQ_TOKEN(GSSException.UNSEQ_TOKEN),
  /** Per-message tokens were skipped. */
  GAP_TOKEN(GSSException.GAP_TOKEN),
  /** The wait for a further leg passed the leg deadline, or the context lifetime ended. */
  CONTEXT_EXPIRED(GSSException.CONTEXT_EXPIRED),
  /** The context is in a state that refuses this call (failed, disposed, not yet established). */
  NO_CONTEXT(GSSException.NO_CONTEXT),
  /** Too many negotiations are pending; a new one is refused to protect the server. */
  TOO_MANY_PENDING(GSSException.FAILURE),
  /** The SPNEGO mechListMIC did not verify: the mechanism list may have been tampered with. */
  MECHLIST_MIC_FAILED(GSSException.BAD_MIC),
  /** No acceptor credentials: no keytab, an empty one, or none the policy permits. */
  NO_CREDENTIALS(GSSException.NO_CRED),
  /** The caller asked for an operation this mechanism does not support. */
  UNSUPPORTED_OPERATION(GSSException.UNAVAILABLE);

  /** Offset of our minor codes, so they do not collide with small integers used elsewhere. */
  public static final int MINOR_BASE = 0x4b470000;

  private final int gssMajor;

  Reason(int gssMajor) {
    this.gssMajor = gssMajor;
  }

  /** The {@link GSSException} major code this reason maps to. */
  public int gssMajor() {
    return gssMajor;
  }

  /** The GSS minor status that identifies this reason. */
  public int minorCode() {
    return MINOR_BASE + ordinal();
  }

  /** The reason with this minor code, if any. */
  public static java.util.Optional<Reason> fromMinorCode(int minor) {
    int index = minor - MINOR_BASE;
    Reason[] all = values();
    return index >= 0 && index < all.length
        ? java.util.Optional.of(all[index]) : java.util.Optional.empty();
  }
}
