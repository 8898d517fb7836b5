package dev.krb5gss.web;

import dev.krb5gss.error.Reason;
import java.util.EnumSet;
import java.util.Set;

/**
 * The HTTP status for a rejected Negotiate exchange (RFC 7235 §3.1, RFC 9110 §15.5.4): 401 with a
 * fresh challenge when a new attempt can succeed (a fresh authenticator, a new ticket, a new
 * negotiation), 403 when the same client would be refused again (its ticket is for a service or
 * key this server does not hold or permit, its channel bindings name another TLS endpoint, or
 * its KDC issued a PAC that does not verify, or none where one is required), 503 when the server
 * cannot check the token right now (its shared replay cache is unavailable: RFC 9110 §15.6.4; the
 * client may retry later, a new challenge would not help).
 */
public final class FailureStatus {
  public static final int UNAUTHORIZED = 401;
  public static final int FORBIDDEN = 403;
  public static final int SERVICE_UNAVAILABLE = 503;

  private static final Set<Reason> HOPELESS = EnumSet.of(
      Reason.SERVICE_NOT_IN_KEYTAB, Reason.SERVICE_NOT_ALLOWED, Reason.KVNO_MISMATCH,
      Reason.ENCTYPE_NOT_IN_KEYTAB, Reason.ENCTYPE_NOT_PERMITTED, Reason.TICKET_INTEGRITY,
      Reason.CHANNEL_BINDING_MISMATCH, Reason.MECHLIST_MIC_FAILED, Reason.UNSUPPORTED_MECHANISM,
      Reason.NO_CREDENTIALS, Reason.PAC_INVALID, Reason.PAC_REQUIRED);

  private FailureStatus() {}

  /** 503 while the replay cache is unavailable, 403 where retrying cannot help, else 401. */
  public static int of(Reason reason) {
    if (reason == Reason.REPLAY_CACHE_UNAVAILABLE) {
      return SERVICE_UNAVAILABLE;
    }
    return HOPELESS.contains(reason) ? FORBIDDEN : UNAUTHORIZED;
  }
}
