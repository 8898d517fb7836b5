package dev.krb5gss.web.tomcat;

import dev.krb5gss.jaas.PacCallback;
import dev.krb5gss.pac.Pac;
import java.security.Principal;
import java.util.Optional;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import org.apache.catalina.realm.JAASRealm;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSName;

/**
 * Tomcat's {@link JAASRealm} for the stock {@code SpnegoAuthenticator}, with the client's
 * verified PAC (MS-PAC) passed to the JAAS login: its {@code appName} entry runs
 * {@code dev.krb5gss.jaas.PacLoginModule} (and any others), which receives the PAC through a
 * {@link PacCallback} and adds {@code SidPrincipal}s and {@code RolePrincipal}s; JAASRealm's
 * {@code userClassNames} / {@code roleClassNames} pick them up as usual:
 *
 * <pre>
 * &lt;Realm className="dev.krb5gss.web.tomcat.PacJaasRealm" appName="krb5gss-pac"
 *        userClassNames="javax.security.auth.kerberos.KerberosPrincipal"
 *        roleClassNames="dev.krb5gss.jaas.RolePrincipal,dev.krb5gss.pac.SidPrincipal"/&gt;
 * </pre>
 *
 * <p>Why a subclass: Tomcat's own JAASRealm, asked for a GSS-API user, runs its login with a
 * callback handler that knows only the user name, so no login module under it can reach the
 * PAC of the context. The user name is the context's initiator without the realm when
 * {@code stripRealmForGss} (default true). The delegated credential is not attached to the
 * principal on this route (Tomcat's {@code GenericPrincipal} offers no public way to add it to a
 * principal JAASRealm built). A context that is not the krb5gss provider's fails with a WARNING.
 */
public class PacJaasRealm extends JAASRealm {
  @Override
  protected Principal getPrincipal(GSSName gssName, GSSCredential gssCredential,
      GSSContext gssContext) {
    Optional<Pac> pac = PacRealms.pacOrNull(gssName, gssContext, PacJaasRealm.class);
    if (pac == null) {
      return null;
    }
    String client = gssName.toString();
    String user = PacRealms.strip(client, isStripRealmForGss());
    return authenticate(user, callbacks -> {
      for (Callback callback : callbacks) {
        if (callback instanceof NameCallback name) {
          name.setName(user);
        } else if (callback instanceof PacCallback pacCallback) {
          pacCallback.set(client, pac.orElse(null));
        } else {
          throw new UnsupportedCallbackException(callback, "PacJaasRealm answers only the"
              + " NameCallback and the PacCallback");
        }
      }
    });
  }
}
