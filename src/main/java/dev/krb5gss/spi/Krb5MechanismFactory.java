package dev.krb5gss.spi;

import dev.krb5gss.gss.MechOids.Jgss;
import org.ietf.jgss.Oid;
import sun.security.jgss.GSSCaller;

/**
 * The mechanism factory for Kerberos V5 (RFC 4121), named by {@code GssApiMechanism.<oid>} in
 * {@link dev.krb5gss.Krb5GssProvider}; the JDK instantiates it with the caller kind.
 */
public final class Krb5MechanismFactory extends AcceptorMechanismFactory {
  public Krb5MechanismFactory(GSSCaller caller) {
    super(caller, Jgss.KRB5);
  }

  @Override
  Oid initiatorMech() {
    return Jgss.KRB5;
  }
}
