package dev.krb5gss.context;

/** What one accept step of an exchange produced: a status and the token to send. */
final class Leg {
  final AcceptStatus status;
  final byte[] output;

  Leg(AcceptStatus status, byte[] output) {
    this.status = status;
    this.output = output;
  }
}
