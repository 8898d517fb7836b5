package dev.krb5gss.testkit;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.security.auth.Subject;
import org.ietf.jgss.ChannelBinding;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.Oid;

/**
 * The JDK's own GSS-API acceptor (RFC 2743 §2.2.2 GSS_Accept_sec_context) for Kerberos and
 * SPNEGO, as a reference peer: it proves tokens from the kit (KDC tickets, forged AP-REQs) are
 * valid, and gives tests a behaviour to compare ours with.
 */
public final class JdkAcceptor implements AutoCloseable {
    private final Subject service;
    private final GSSContext context;

    private JdkAcceptor(Subject service, GSSContext context) {
        this.service = service;
        this.context = context;
    }

    /** An acceptor for {@code principal} whose keys are in {@code keytab} (no KDC contact). */
    public static JdkAcceptor fromKeytab(Path keytab, String principal) throws Exception {
        return create(JaasLogins.acceptor(keytab, principal), null);
    }

    /** An acceptor for {@code principal} that requires {@code binding} to match the initiator's. */
    public static JdkAcceptor fromKeytab(Path keytab, String principal, ChannelBinding binding) throws Exception {
        return create(JaasLogins.acceptor(keytab, principal), binding);
    }

    /** An acceptor using the keys in a service Subject (as logged in by {@link JaasLogins#acceptor}). */
    public static JdkAcceptor create(Subject service, ChannelBinding binding) throws Exception {
        return Subjects.callAs(service, () -> {
            GSSManager manager = GSSManager.getInstance();
            GSSCredential cred = manager.createCredential(null, GSSCredential.INDEFINITE_LIFETIME,
                    new Oid[] {GssOids.KRB5, GssOids.SPNEGO}, GSSCredential.ACCEPT_ONLY);
            GSSContext context = manager.createContext(cred);
            if (binding != null) {
                context.setChannelBinding(binding);
            }
            return new JdkAcceptor(service, context);
        });
    }

    /** Accepts one context token; returns the reply token (AP-REP or NegTokenResp), or null. */
    public byte[] accept(byte[] token) throws Exception {
        return call(() -> context.acceptSecContext(token, 0, token.length));
    }

    public boolean isEstablished() {
        return context.isEstablished();
    }

    /** The authenticated client principal, e.g. {@code alice@REALM}. */
    public String peerName() throws GSSException {
        return context.getSrcName().toString();
    }

    /** The JDK's context, for wrap/unwrap/getMIC; call those through {@link #call}. */
    public GSSContext context() {
        return context;
    }

    /** Runs {@code action} as the service Subject. */
    public <T> T call(Callable<T> action) throws Exception {
        return Subjects.callAs(service, action);
    }

    @Override
    public void close() throws GSSException {
        context.dispose();
    }
}
