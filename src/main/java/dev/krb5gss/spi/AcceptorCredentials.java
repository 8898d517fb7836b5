package dev.krb5gss.spi;

import dev.krb5gss.error.Reason;
import dev.krb5gss.config.DefaultKeytab;
import dev.krb5gss.keytab.KeytabFormatException;
import dev.krb5gss.name.PrincipalName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosKey;
import javax.security.auth.kerberos.KeyTab;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.Oid;
import sun.security.jgss.GSSCaller;
import sun.security.jgss.GSSUtil;

/**
 * Finds acceptor keys the way the JDK's Kerberos mechanism does: in the current Subject's private
 * credentials (first krb5gss's own {@link dev.krb5gss.keytab.AcceptorKeys} from
 * KeytabLoginModule, then {@link KeyTab}, bound or unbound, then {@link KerberosKey}s — what
 * {@code Krb5LoginModule} with {@code storeKey=true} leaves there), and, only when
 * {@code javax.security.auth.useSubjectCredsOnly} is false, in the default keytab.
 */
final class AcceptorCredentials {
  private AcceptorCredentials() {}

  static AcceptorCredentialElement acquire(GSSCaller caller, Oid mech, KerberosNameElement name)
      throws GSSException {
    Subject subject = CurrentSubject.get();
    AcceptorKeys keys = subject == null ? null : fromSubject(subject, name);
    if (keys == null && !GSSUtil.useSubjectCredsOnly(caller)) {
      keys = fromKeytab(DefaultKeytab.locate(), null, name);
    }
    if (keys == null) {
      throw GssErrors.of(Reason.NO_CREDENTIALS, "no acceptor keys"
          + (name == null ? "" : " for " + name) + ": the current Subject "
          + (subject == null ? "is not set" : "holds no KeyTab or KerberosKey")
          + " (log in with Krb5LoginModule isInitiator=false storeKey=true, or set "
          + "javax.security.auth.useSubjectCredsOnly=false to use the default keytab)");
    }
    if (keys.current().isEmpty()) {
      throw GssErrors.of(Reason.NO_CREDENTIALS, "no acceptor keys"
          + (name == null ? "" : " for " + name) + " in " + keys);
    }
    return new AcceptorCredentialElement(mech, name, keys);
  }

  private static AcceptorKeys fromSubject(Subject subject, KerberosNameElement name)
      throws GSSException {
    for (dev.krb5gss.keytab.AcceptorKeys ours : dev.krb5gss.keytab.AcceptorKeys.in(subject)) {
      ModuleKeys keys = ModuleKeys.of(ours, name);
      if (keys != null) {
        return keys;
      }
    }
    for (KeyTab keytab : subject.getPrivateCredentials(KeyTab.class)) {
      PrincipalName bound = keytab.isBound() && keytab.getPrincipal() != null
          ? AcceptorKeys.principal(keytab.getPrincipal()) : null;
      if (bound != null && name != null && !name.designates(bound)) {
        continue;
      }
      return fromKeytab(pathOf(keytab), bound, name);
    }
    List<KerberosKey> keys = new ArrayList<>();
    for (KerberosKey k : subject.getPrivateCredentials(KerberosKey.class)) {
      if (!k.isDestroyed()
          && (name == null || name.designates(AcceptorKeys.principal(k.getPrincipal())))) {
        keys.add(k);
      }
    }
    return keys.isEmpty() ? null : AcceptorKeys.kerberosKeys(keys, name);
  }

  /**
   * The file a {@link KeyTab} reads. {@code KeyTab} has no accessor for it; its documented
   * {@code toString()} is the file name (or "Default keytab"), followed for a bound keytab by
   * " for " and the principal (or "someone").
   */
  static Path pathOf(KeyTab keytab) {
    String s = keytab.toString();
    if (s.startsWith("Default keytab")) {
      return DefaultKeytab.locate();
    }
    if (keytab.isBound()) {
      String suffix = " for " + (keytab.getPrincipal() == null ? "someone" : keytab.getPrincipal());
      if (s.endsWith(suffix)) {
        s = s.substring(0, s.length() - suffix.length());
      }
    }
    return Path.of(s);
  }

  private static AcceptorKeys fromKeytab(Path path, PrincipalName bound, KerberosNameElement name)
      throws GSSException {
    try {
      return AcceptorKeys.keytab(path, bound, name);
    } catch (IOException e) {
      throw GssErrors.of(Reason.NO_CREDENTIALS, "cannot read keytab " + path + ": " + e);
    } catch (KeytabFormatException e) {
      throw new GSSException(GSSException.DEFECTIVE_CREDENTIAL, -1,
          "keytab " + path + " is not valid: " + e.getMessage());
    }
  }
}
