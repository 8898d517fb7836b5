package dev.krb5gss.spi;

import dev.krb5gss.gss.MechOids.Jgss;
import dev.krb5gss.error.Reason;
import dev.krb5gss.keytab.SubjectKeys;
import dev.krb5gss.Krb5GssProvider;
import dev.krb5gss.name.PrincipalName;
import java.security.Provider;
import java.util.Set;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.Oid;
import sun.security.jgss.spi.GSSCredentialSpi;
import sun.security.jgss.spi.GSSNameSpi;

/**
 * Acceptor credentials (RFC 2743 §2.1.1 GSS_Acquire_cred with usage ACCEPT): the service keys
 * found for the requested name, and the mechanism they were acquired for. Holds no key bytes
 * itself: the keys live in the shared {@link SubjectKeys}.
 */
final class AcceptorCredentialElement implements GSSCredentialSpi {
  private final Oid mech;
  private final KerberosNameElement name;
  private final SubjectKeys keys;
  /** The acceptor this credential last created a context with; see {@link AcceptorContexts}. */
  private volatile AcceptorContexts.LastUsed lastUsed;

  AcceptorCredentialElement(Oid mech, KerberosNameElement name, SubjectKeys keys) {
    this.mech = mech;
    this.name = name;
    this.keys = keys;
  }

  SubjectKeys keys() {
    return keys;
  }

  AcceptorContexts.LastUsed lastUsed() {
    return lastUsed;
  }

  void lastUsed(AcceptorContexts.LastUsed used) {
    lastUsed = used;
  }

  @Override
  public Provider getProvider() {
    return Krb5GssProvider.instance();
  }

  @Override
  public void dispose() {
    // The keys are shared across acquisitions (and wiped by nobody but their cache).
  }

  /** The requested name; for an unbound acquisition, the single principal the keys hold. */
  @Override
  public GSSNameSpi getName() {
    if (name != null) {
      return name;
    }
    Set<PrincipalName> principals = keys.current().principals();
    return principals.size() == 1
        ? KerberosNameElement.of(Jgss.KRB5, principals.iterator().next()) : null;
  }

  @Override
  public int getInitLifetime() {
    return 0;
  }

  @Override
  public int getAcceptLifetime() {
    return GSSCredential.INDEFINITE_LIFETIME;
  }

  @Override
  public boolean isInitiatorCredential() {
    return false;
  }

  @Override
  public boolean isAcceptorCredential() {
    return true;
  }

  @Override
  public Oid getMechanism() {
    return mech;
  }

  @Override
  public GSSCredentialSpi impersonate(GSSNameSpi name) throws GSSException {
    throw GssErrors.of(Reason.UNSUPPORTED_OPERATION,
        "impersonation (S4U2self) needs initiator credentials; krb5gss holds acceptor keys only");
  }

  @Override
  public String toString() {
    return "AcceptorCredential[" + mech + ", " + keys + "]";
  }
}
