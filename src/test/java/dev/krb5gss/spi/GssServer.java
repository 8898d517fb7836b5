package dev.krb5gss.spi;

import dev.krb5gss.testkit.GssOids;
import dev.krb5gss.testkit.Subjects;
import java.util.concurrent.Callable;
import javax.security.auth.Subject;
import org.ietf.jgss.ChannelBinding;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.Oid;

/**
 * The server side as an unmodified application writes it: GSSManager.getInstance(), ACCEPT
 * credentials for SPNEGO and Kerberos from the service Subject, one context, acceptSecContext.
 */
final class GssServer {
  private final Subject service;
  final GSSContext context;

  private GssServer(Subject service, GSSContext context) {
    this.service = service;
    this.context = context;
  }

  static GssServer create(Subject service) throws Exception {
    return create(service, null);
  }

  static GssServer create(Subject service, ChannelBinding binding) throws Exception {
    return new GssServer(service, Subjects.callAs(service, () -> {
      GSSManager m = GSSManager.getInstance();
      GSSCredential cred = m.createCredential(null, GSSCredential.INDEFINITE_LIFETIME,
          new Oid[] {GssOids.SPNEGO, GssOids.KRB5}, GSSCredential.ACCEPT_ONLY);
      GSSContext c = m.createContext(cred);
      if (binding != null) {
        c.setChannelBinding(binding);
      }
      return c;
    }));
  }

  /** Accepts {@code token}; the reply or null. */
  byte[] accept(byte[] token) throws Exception {
    return call(() -> context.acceptSecContext(token, 0, token.length));
  }

  <T> T call(Callable<T> action) throws Exception {
    return Subjects.callAs(service, action);
  }
}
