package dev.krb5gss.spi;

import dev.krb5gss.config.DefaultKeytab;
import dev.krb5gss.error.Reason;
import dev.krb5gss.keytab.KeytabFormatException;
import dev.krb5gss.keytab.SubjectKeys;
import dev.krb5gss.name.PrincipalName;
import java.io.IOException;
import java.util.Optional;
import javax.security.auth.Subject;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.Oid;
import sun.security.jgss.GSSCaller;
import sun.security.jgss.GSSUtil;

/**
 * Finds acceptor keys the way the JDK's Kerberos mechanism does: in the current Subject's private
 * credentials ({@link SubjectKeys}: krb5gss's own credential from KeytabLoginModule, else every
 * KeyTab and KerberosKey — what {@code Krb5LoginModule} with {@code storeKey=true} leaves there),
 * and, only when {@code javax.security.auth.useSubjectCredsOnly} is false, in the default keytab.
 */
final class AcceptorCredentials {
  private AcceptorCredentials() {}

  static AcceptorCredentialElement acquire(GSSCaller caller, Oid mech, KerberosNameElement name)
      throws GSSException {
    Subject subject = CurrentSubject.get();
    PrincipalName wanted = name == null ? null : name.principal();
    Optional<SubjectKeys> keys = Optional.empty();
    try {
      if (subject != null) {
        keys = SubjectKeys.find(subject, wanted);
      }
      if (keys.isEmpty() && !GSSUtil.useSubjectCredsOnly(caller)) {
        keys = Optional.of(SubjectKeys.keytab(DefaultKeytab.locate(), wanted));
      }
    } catch (IOException e) {
      throw GssErrors.of(Reason.NO_CREDENTIALS, e.getMessage());
    } catch (KeytabFormatException e) {
      throw new GSSException(GSSException.DEFECTIVE_CREDENTIAL, -1,
          e.getMessage());
    }
    if (keys.isEmpty()) {
      throw GssErrors.of(Reason.NO_CREDENTIALS, "no acceptor keys"
          + (name == null ? "" : " for " + name) + ": the current Subject "
          + (subject == null ? "is not set" : "holds no KeyTab or KerberosKey")
          + " (log in with Krb5LoginModule isInitiator=false storeKey=true, or set "
          + "javax.security.auth.useSubjectCredsOnly=false to use the default keytab)");
    }
    if (keys.get().current().isEmpty()) {
      throw GssErrors.of(Reason.NO_CREDENTIALS, "no acceptor keys"
          + (name == null ? "" : " for " + name) + " in " + keys.get());
    }
    return new AcceptorCredentialElement(mech, name, keys.get());
  }
}
