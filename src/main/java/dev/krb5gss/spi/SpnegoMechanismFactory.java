package dev.krb5gss.spi;

import dev.krb5gss.gss.MechOids.Jgss;
import org.ietf.jgss.Oid;
import sun.security.jgss.GSSCaller;

/**
 * The mechanism factory for SPNEGO (RFC 4178), named by {@code GssApiMechanism.<oid>} in
 * {@link dev.krb5gss.Krb5GssProvider}; the JDK instantiates it with the caller kind.
 */
public final class SpnegoMechanismFactory extends AcceptorMechanismFactory {
  public SpnegoMechanismFactory(GSSCaller caller) {
    super(caller, Jgss.SPNEGO);
  }

  @Override
  Oid initiatorMech() {
    return Jgss.SPNEGO;
  }

  /** SPNEGO names are Kerberos names, as in the JDK. */
  @Override
  Oid nameMech() {
    return Jgss.KRB5;
  }

  @Override
  public Oid[] getNameTypes() {
    return new Oid[] {
      org.ietf.jgss.GSSName.NT_USER_NAME, org.ietf.jgss.GSSName.NT_HOSTBASED_SERVICE,
      org.ietf.jgss.GSSName.NT_EXPORT_NAME
    };
  }
}
