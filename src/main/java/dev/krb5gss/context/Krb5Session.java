package dev.krb5gss.context;

import dev.krb5gss.error.RejectedException;

/**
 * What a negotiation needs from an established Kerberos context (RFC 4121): the AP-REP to send,
 * and MICs for the SPNEGO mechListMIC exchange (RFC 4178 §5) with the context's per-message keys.
 */
interface Krb5Session {
  /** The framed AP-REP when mutual authentication was requested, else empty (a new array). */
  byte[] outputToken();

  /** The length of {@link #outputToken()}, without copying it. */
  int outputTokenLength();

  /** A GSS_GetMIC token over {@code data}, sent by the acceptor (RFC 4121 §4.2.6.1). */
  byte[] getMic(byte[] data) throws RejectedException;

  /** GSS_VerifyMIC of the initiator's {@code mic} over {@code data}. */
  void verifyMic(byte[] mic, byte[] data) throws RejectedException;

  /** Wipes the context's keys. */
  void destroy();
}
