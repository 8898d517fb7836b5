package dev.krb5gss.spi;

import java.security.Provider;
import java.security.Security;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.Oid;
import sun.security.jgss.GSSCaller;
import sun.security.jgss.ProviderList;
import sun.security.jgss.SunProvider;
import sun.security.jgss.spi.MechanismFactory;

/**
 * The JDK's own Kerberos and SPNEGO mechanism factories, for requests we route to them (all
 * initiator work). Obtained through the JDK's {@code ProviderList} asking the {@code SunJGSS}
 * provider by name, which instantiates them inside {@code java.security.jgss}: no export of
 * {@code sun.security.jgss.krb5} is needed. Created lazily, once per factory of ours.
 */
final class JdkMechanisms {
  private static final Provider FALLBACK_SUN_JGSS = new SunProvider();

  private final GSSCaller caller;
  private ProviderList list;

  JdkMechanisms(GSSCaller caller) {
    this.caller = caller;
  }

  /** The JDK's factory for {@code mech} (Kerberos V5 or SPNEGO). */
  synchronized MechanismFactory factory(Oid mech) throws GSSException {
    if (list == null) {
      list = new ProviderList(caller, false);
    }
    MechanismFactory f = list.getMechFactory(mech, sunJgss());
    if (f == null) {
      throw new GSSException(GSSException.BAD_MECH, -1,
          "the JDK offers no initiator for " + mech);
    }
    return f;
  }

  private static Provider sunJgss() {
    Provider p = Security.getProvider("SunJGSS");
    return p != null ? p : FALLBACK_SUN_JGSS;
  }
}
