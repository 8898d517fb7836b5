package dev.krb5gss.spi;

import dev.krb5gss.gss.MechOids.Jgss;
import dev.krb5gss.ap.ApEstablished;
import dev.krb5gss.crypto.CipherKey;
import dev.krb5gss.delegation.DelegatedTicket;
import dev.krb5gss.delegation.KrbCredDecoder;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import java.util.ArrayList;
import java.util.List;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosPrincipal;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import sun.security.jgss.GSSCaller;
import sun.security.jgss.spi.GSSCredentialSpi;
import sun.security.jgss.spi.MechanismFactory;

/**
 * A delegated credential (RFC 4121 §4.1.1 Deleg field) as a JDK initiator credential: the
 * forwarded TGT goes into a fresh Subject, from which the JDK's own Kerberos mechanism acquires
 * INITIATE credentials for the client, exactly as it would after a JAAS login.
 */
final class DelegatedCredentials {
  private DelegatedCredentials() {}

  static GSSCredentialSpi toInitiatorCredential(ApEstablished est) throws GSSException {
    DelegatedTicket tgt;
    try {
      tgt = KrbCredDecoder.decode(est.delegatedCredential().orElseThrow(), candidateKeys(est));
    } catch (RejectedException e) {
      throw GssErrors.of(e);
    }
    Subject holder = new Subject();
    try {
      holder.getPrincipals().add(new KerberosPrincipal(tgt.client().toString()));
      holder.getPrivateCredentials().add(tgt.toKerberosTicket());
    } catch (IllegalArgumentException e) {
      throw GssErrors.of(new RejectedException(Reason.MALFORMED_TOKEN,
          "the delegated credential names an unusable client or ticket: " + e.getMessage()));
    } finally {
      tgt.destroy();
    }
    MechanismFactory jdkKrb5 = new JdkMechanisms(GSSCaller.CALLER_INITIATE).factory(Jgss.KRB5);
    try {
      return CurrentSubject.callAs(holder, () -> jdkKrb5.getCredentialElement(
          jdkKrb5.getNameElement(tgt.client().toString(), Jgss.NT_KRB5_PRINCIPAL),
          GSSCredential.DEFAULT_LIFETIME, 0, GSSCredential.INITIATE_ONLY));
    } catch (GSSException e) {
      throw e;
    } catch (Exception e) {
      throw GssErrors.of(Reason.NO_CREDENTIALS,
          "the delegated credential of " + tgt.client() + " is not usable: " + e);
    }
  }

  private static List<CipherKey> candidateKeys(ApEstablished est) {
    List<CipherKey> keys = new ArrayList<>();
    est.initiatorSubkey().ifPresent(keys::add);
    keys.add(est.sessionKey());
    return keys;
  }
}
