package dev.krb5gss.bench;

import dev.krb5gss.testkit.JaasLogins;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import javax.security.auth.Subject;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.MessageProp;
import org.ietf.jgss.Oid;

/**
 * An acceptor reached through the Java GSS-API (RFC 5653): a {@link GSSManager} and an
 * acceptor credential for the krb5 (RFC 1964) and SPNEGO (RFC 4178) mechanisms, taken from a
 * Subject that {@code Krb5LoginModule} filled from the keytab. Whichever provider the manager
 * picks for the krb5 OID does the work: the JDK's, or ours once installed.
 */
final class GssApiAcceptor implements BenchAcceptor {

    static final Oid KRB5 = oid("1.2.840.113554.1.2.2");
    static final Oid KRB5_PRINCIPAL_NAME = oid("1.2.840.113554.1.2.2.1");
    static final Oid SPNEGO = oid("1.3.6.1.5.5.2");

    /**
     * {@code -Dkrb5gss.bench.gssManagerPerThread=true}: each accepting thread uses its own
     * {@code GSSManager.getInstance()} and its own credential, as Tomcat's stock SPNEGO does per
     * request, instead of one shared pair. The JDK's {@code ProviderList.getMechFactory}, which
     * every accept calls, is synchronized per manager, so threads sharing one manager meet there.
     */
    static final boolean MANAGER_PER_THREAD = Boolean.getBoolean("krb5gss.bench.gssManagerPerThread");

    private final GSSManager manager;
    private final GSSCredential credential;
    private final Subject subject;
    private final String principal;
    private final java.util.List<GSSCredential> perThreadCredentials =
            java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private final ThreadLocal<GssApiAcceptor> perThread = new ThreadLocal<>();

    private GssApiAcceptor(GSSManager manager, GSSCredential credential, Subject subject,
            String principal) {
        this.manager = manager;
        this.credential = credential;
        this.subject = subject;
        this.principal = principal;
    }

    /** Logs the service in from its keytab and acquires a fresh acceptor credential. */
    static GssApiAcceptor open(GSSManager manager, BenchService service) throws Exception {
        Subject subject = JaasLogins.acceptor(service.keytab(), service.principal());
        return new GssApiAcceptor(manager, acquire(manager, subject, service.principal()), subject,
                service.principal());
    }

    private static GSSCredential acquire(GSSManager manager, Subject subject, String principal)
            throws Exception {
        GSSName name = manager.createName(principal, KRB5_PRINCIPAL_NAME);
        PrivilegedExceptionAction<GSSCredential> acquire = () -> manager.createCredential(
                name, GSSCredential.INDEFINITE_LIFETIME, new Oid[] {KRB5, SPNEGO},
                GSSCredential.ACCEPT_ONLY);
        return asSubject(subject, acquire);
    }

    /** Runs an action with the Subject current (Subject.doAs, still working on JDK 25). */
    static <T> T asSubject(Subject subject, PrivilegedExceptionAction<T> action) throws Exception {
        try {
            return Subject.doAs(subject, action);
        } catch (PrivilegedActionException e) {
            throw e.getException();
        }
    }

    @Override
    public BenchContext newContext() throws GSSException {
        if (MANAGER_PER_THREAD) {
            GssApiAcceptor mine = perThread.get();
            if (mine == null) {
                GSSManager own = GSSManager.getInstance();
                try {
                    mine = new GssApiAcceptor(own, acquire(own, subject, principal), subject, principal);
                } catch (GSSException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException("cannot acquire a per-thread credential", e);
                }
                perThreadCredentials.add(mine.credential);
                perThread.set(mine);
            }
            return new Context(mine.manager.createContext(mine.credential));
        }
        return new Context(manager.createContext(credential));
    }

    @Override
    public void close() throws GSSException {
        credential.dispose();
        for (GSSCredential c : perThreadCredentials) {
            c.dispose();
        }
    }

    private static Oid oid(String dotted) {
        try {
            return new Oid(dotted);
        } catch (GSSException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A {@link GSSContext} seen through {@link BenchContext}. */
    private static final class Context implements BenchContext {

        private final GSSContext context;

        Context(GSSContext context) {
            this.context = context;
        }

        @Override
        public byte[] accept(byte[] initialToken) throws GSSException {
            byte[] reply = context.acceptSecContext(initialToken, 0, initialToken.length);
            if (!context.isEstablished()) {
                throw new IllegalStateException(
                        "expected an established context after the initial token, got CONTINUE_NEEDED");
            }
            return reply == null ? new byte[0] : reply;
        }

        @Override
        public byte[] wrap(byte[] message) throws GSSException {
            return context.wrap(message, 0, message.length, new MessageProp(0, true));
        }

        @Override
        public byte[] unwrap(byte[] token) throws GSSException {
            return context.unwrap(token, 0, token.length, new MessageProp(0, true));
        }

        @Override
        public String sourceName() throws GSSException {
            return context.getSrcName().toString();
        }

        @Override
        public void dispose() throws GSSException {
            context.dispose();
        }
    }
}
