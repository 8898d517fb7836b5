package dev.krb5gss.spi;

import dev.krb5gss.gss.MechOids.Jgss;
import dev.krb5gss.error.Reason;
import dev.krb5gss.Krb5GssProvider;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;
import sun.security.jgss.GSSCaller;
import sun.security.jgss.spi.GSSContextSpi;
import sun.security.jgss.spi.GSSCredentialSpi;
import sun.security.jgss.spi.GSSNameSpi;
import sun.security.jgss.spi.MechanismFactory;

/**
 * The JDK mechanism factory for one of our OIDs (RFC 2743 §2.1.1 acquire_cred, §2.2.2
 * accept_sec_context). Acceptor requests are ours; requests to initiate (INITIATE credentials, a
 * context towards a target) go to the JDK's own mechanism for the same OID, so that clients in a
 * JVM with our provider first keep working. Cheap to create: the JDK makes one per
 * {@code GSSManager.getInstance()} and mechanism, and Tomcat asks for a new manager per request.
 */
abstract class AcceptorMechanismFactory implements MechanismFactory {
  /** The name types we parse (RFC 2743 §4, RFC 1964 §2.1). */
  static final Oid[] NAME_TYPES = {
    GSSName.NT_USER_NAME, GSSName.NT_HOSTBASED_SERVICE, GSSName.NT_EXPORT_NAME,
    Jgss.NT_KRB5_PRINCIPAL
  };

  private final GSSCaller caller;
  private final Oid mech;
  private final JdkMechanisms jdk;

  AcceptorMechanismFactory(GSSCaller caller, Oid mech) {
    this.caller = caller;
    this.mech = mech;
    this.jdk = new JdkMechanisms(caller);
  }

  /** The OID of the JDK mechanism initiator requests go to, or null when the JDK has none. */
  abstract Oid initiatorMech();

  /** The mechanism that names produced by this factory belong to. */
  Oid nameMech() {
    return mech;
  }

  @Override
  public final Oid getMechanismOid() {
    return mech;
  }

  @Override
  public final Provider getProvider() {
    return Krb5GssProvider.instance();
  }

  @Override
  public Oid[] getNameTypes() {
    return AcceptorMechanismFactory.NAME_TYPES.clone();
  }

  @Override
  public final GSSNameSpi getNameElement(String nameStr, Oid nameType) throws GSSException {
    return KerberosNameElement.parse(nameMech(), nameStr, nameType);
  }

  @Override
  public final GSSNameSpi getNameElement(byte[] name, Oid nameType) throws GSSException {
    return KerberosNameElement.parse(nameMech(), new String(name, StandardCharsets.UTF_8),
        nameType);
  }

  @Override
  public final GSSCredentialSpi getCredentialElement(GSSNameSpi name, int initLifetime,
      int acceptLifetime, int usage) throws GSSException {
    if (usage == GSSCredential.INITIATE_ONLY) {
      return initiator().getCredentialElement(name, initLifetime, acceptLifetime, usage);
    }
    if (usage != GSSCredential.ACCEPT_ONLY && usage != GSSCredential.INITIATE_AND_ACCEPT) {
      throw new GSSException(GSSException.FAILURE, -1, "unknown credential usage " + usage);
    }
    // For INITIATE_AND_ACCEPT the JDK's GSSCredentialImpl asks again for INITIATE_ONLY.
    return AcceptorCredentials.acquire(caller, mech, ours(name));
  }

  @Override
  public final GSSContextSpi getMechanismContext(GSSNameSpi peer,
      GSSCredentialSpi myInitiatorCred, int lifetime) throws GSSException {
    if (myInitiatorCred instanceof AcceptorCredentialElement) {
      throw new GSSException(GSSException.NO_CRED, -1,
          "acceptor credentials cannot initiate a context; acquire INITIATE_ONLY credentials");
    }
    return initiator().getMechanismContext(peer, myInitiatorCred, lifetime);
  }

  @Override
  public final GSSContextSpi getMechanismContext(GSSCredentialSpi myAcceptorCred)
      throws GSSException {
    AcceptorCredentialElement cred;
    if (myAcceptorCred == null) {
      cred = AcceptorCredentials.acquire(caller, mech, null);
    } else if (myAcceptorCred instanceof AcceptorCredentialElement) {
      cred = (AcceptorCredentialElement) myAcceptorCred;
    } else {
      throw GssErrors.of(Reason.NO_CREDENTIALS, "credential " + myAcceptorCred
          + " from provider " + myAcceptorCred.getProvider().getName()
          + " cannot accept with " + Krb5GssProvider.NAME);
    }
    return AcceptorContexts.create(mech, cred);
  }

  @Override
  public final GSSContextSpi getMechanismContext(byte[] exportedContext) throws GSSException {
    throw GssErrors.of(Reason.UNSUPPORTED_OPERATION,
        "importing an exported security context is not supported by " + Krb5GssProvider.NAME);
  }

  private MechanismFactory initiator() throws GSSException {
    Oid target = initiatorMech();
    if (target == null) {
      throw new GSSException(GSSException.BAD_MECH, -1, "the JDK has no initiator for " + mech
          + "; initiate with Kerberos V5 (" + Jgss.KRB5 + ") instead");
    }
    return jdk.factory(target);
  }

  private KerberosNameElement ours(GSSNameSpi name) throws GSSException {
    if (name == null || name instanceof KerberosNameElement) {
      return (KerberosNameElement) name;
    }
    return KerberosNameElement.parse(nameMech(), name.toString(), name.getStringNameType());
  }
}
