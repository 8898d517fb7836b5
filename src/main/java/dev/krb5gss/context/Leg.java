package dev.krb5gss.context;

/** What one accept step of an exchange produced: a status and the token to send. */
final class Leg {
  final AcceptStatus status;
  final byte[] output;
  /** When not null, the output is this session's AP-REP, copied only when asked for. */
  final Krb5Session reply;

  Leg(AcceptStatus status, byte[] output) {
    this.status = status;
    this.output = output;
    this.reply = null;
  }

  /** A leg whose output is {@code reply}'s AP-REP (not copied until a caller asks for it). */
  Leg(AcceptStatus status, Krb5Session reply) {
    this.status = status;
    this.output = null;
    this.reply = reply;
  }
}
