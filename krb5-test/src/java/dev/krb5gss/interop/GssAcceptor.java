package dev.krb5gss.interop;

import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import javax.security.auth.Subject;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/**
 * The acceptor side as a Java service runs it: while an {@link AcceptorUnderTest} is installed,
 * {@link GSSManager#getInstance()} and acceptor credentials (RFC 2743 §2.1.1
 * {@code GSS_Acquire_cred}, usage ACCEPT) for Kerberos V5 and SPNEGO acquired inside the keytab
 * Subject, once, like MIT's gss-server does at start-up.
 */
public final class GssAcceptor implements AutoCloseable {
  /** RFC 1964 Kerberos V5 mechanism OID. */
  public static final Oid KRB5 = oid("1.2.840.113554.1.2.2");
  /** RFC 4178 SPNEGO mechanism OID. */
  public static final Oid SPNEGO = oid("1.3.6.1.5.5.2");

  private final AcceptorUnderTest kind;
  private final AcceptorUnderTest.Installation installation;
  private final Subject subject;
  private final GSSManager manager;
  private final GSSCredential credential;

  private GssAcceptor(AcceptorUnderTest kind, Subject subject, String hostBasedService)
      throws GSSException {
    this.kind = kind;
    this.installation = kind.install();
    this.subject = subject;
    try {
      this.manager = kind.manager();
      GSSName name = hostBasedService == null
          ? null : manager.createName(hostBasedService, GSSName.NT_HOSTBASED_SERVICE);
      this.credential = as(() -> manager.createCredential(name,
          GSSCredential.INDEFINITE_LIFETIME, new Oid[] {KRB5, SPNEGO}, GSSCredential.ACCEPT_ONLY));
    } catch (GSSException | RuntimeException e) {
      installation.close();
      throw e;
    }
  }

  /**
   * Acceptor credentials from the Subject's keytab for {@code hostBasedService}
   * ({@code service@host}), or for any principal in the keytab when it is {@code null}.
   */
  public static GssAcceptor open(AcceptorUnderTest kind, Subject subject, String hostBasedService)
      throws GSSException {
    return new GssAcceptor(kind, subject, hostBasedService);
  }

  /** Which acceptor this is. */
  public AcceptorUnderTest kind() {
    return kind;
  }

  /** A new acceptor context using the credentials. */
  public GSSContext newContext() throws GSSException {
    return manager.createContext(credential);
  }

  /** One {@code acceptSecContext} step, inside the Subject as a service would call it. */
  public byte[] accept(GSSContext context, byte[] token) throws GSSException {
    return as(() -> context.acceptSecContext(token, 0, token.length));
  }

  /** Runs an action as the acceptor's Subject, unwrapping its {@link GSSException}. */
  @SuppressWarnings("removal")
  public <T> T as(PrivilegedExceptionAction<T> action) throws GSSException {
    try {
      return Subject.doAs(subject, action);
    } catch (PrivilegedActionException e) {
      if (e.getException() instanceof GSSException gss) {
        throw gss;
      }
      throw new IllegalStateException(e.getException());
    }
  }

  @Override
  public void close() {
    try {
      credential.dispose();
    } catch (GSSException e) {
      System.getLogger(GssAcceptor.class.getName())
          .log(System.Logger.Level.DEBUG, "disposing acceptor credentials", e);
    } finally {
      installation.close();
    }
  }

  private static Oid oid(String dotted) {
    try {
      return new Oid(dotted);
    } catch (GSSException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
