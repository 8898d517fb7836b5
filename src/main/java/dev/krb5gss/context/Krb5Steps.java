package dev.krb5gss.context;

import dev.krb5gss.error.InternalFaultException;

/** Builds the Kerberos AP step of an acceptor from its keys and policy ([core] ApAcceptor). */
final class Krb5Steps {
  private Krb5Steps() {}

  static Krb5Step create(Acceptor acceptor) {
    return token -> {
      throw new InternalFaultException("the Kerberos AP exchange ([core]) is not merged yet");
    };
  }
}
