package dev.krb5gss.spi;

import dev.krb5gss.gss.MechOids.Jgss;
import org.ietf.jgss.Oid;
import sun.security.jgss.GSSCaller;

/**
 * The mechanism factory for Microsoft's legacy Kerberos OID 1.2.840.48018.1.2.2 (the RFC 4121 mechanism under another OID, as Windows offers it in SPNEGO, RFC 4178 §3 / MS-SPNG §3.3.5.1), named by {@code GssApiMechanism.<oid>} in
 * {@link dev.krb5gss.Krb5GssProvider}; the JDK instantiates it with the caller kind.
 */
public final class MsKrb5MechanismFactory extends AcceptorMechanismFactory {
  public MsKrb5MechanismFactory(GSSCaller caller) {
    super(caller, Jgss.MS_KRB5);
  }

  @Override
  Oid initiatorMech() {
    return null;
  }
}
