package dev.krb5gss.testkit;

import java.util.Objects;
import java.util.concurrent.Callable;
import javax.security.auth.Subject;
import org.ietf.jgss.ChannelBinding;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/**
 * Drives the JDK's own GSS-API initiator (RFC 2743 §2.2.1 GSS_Init_sec_context; Kerberos per
 * RFC 4121, or SPNEGO per RFC 4178) as a client Subject, the peer our acceptor must interoperate
 * with. Every call into the JDK runs inside {@link Subjects#callAs} so the mechanism finds the
 * client's tickets in the Subject.
 *
 * <pre>{@code
 * try (JdkInitiator init = JdkInitiator.to("HTTP@localhost").mutual(true).start(alice)) {
 *     byte[] apReq = init.firstToken();
 *     init.complete(acceptor.accept(apReq));
 *     assertThat(init.isEstablished()).isTrue();
 * }
 * }</pre>
 */
public final class JdkInitiator implements AutoCloseable {
    private final Subject subject;
    private final GSSContext context;
    private final byte[] firstToken;

    private JdkInitiator(Subject subject, GSSContext context, byte[] firstToken) {
        this.subject = subject;
        this.context = context;
        this.firstToken = firstToken;
    }

    /** Options for a context to a host-based service name such as {@code HTTP@localhost} (RFC 2743 §4.1). */
    public static Options to(String hostbasedService) {
        return new Options(hostbasedService, GSSName.NT_HOSTBASED_SERVICE);
    }

    /** Options for a context to a Kerberos principal name such as {@code HTTP/localhost@REALM}. */
    public static Options toPrincipal(String krb5Principal) {
        return new Options(krb5Principal, GssOids.KRB5_PRINCIPAL_NAME);
    }

    /** The initial context token (an RFC 2743 §3.1 framed AP-REQ, or a SPNEGO NegTokenInit). */
    public byte[] firstToken() {
        return firstToken.clone();
    }

    /**
     * Feeds the acceptor's reply (AP-REP, or a SPNEGO NegTokenResp) to the JDK; returns the JDK's
     * next token, or null when it has none.
     */
    public byte[] complete(byte[] replyToken) throws Exception {
        return call(() -> context.initSecContext(replyToken, 0, replyToken.length));
    }

    public boolean isEstablished() {
        return context.isEstablished();
    }

    public boolean getMutualAuthState() {
        return context.getMutualAuthState();
    }

    /** The JDK's context, for wrap/unwrap/getMIC/verifyMIC; call those through {@link #call}. */
    public GSSContext context() {
        return context;
    }

    /** Runs {@code action} as the client Subject. */
    public <T> T call(Callable<T> action) throws Exception {
        return Subjects.callAs(subject, action);
    }

    @Override
    public void close() throws GSSException {
        context.dispose();
    }

    /** Context flags and target of a JDK initiator; defaults: krb5, mutual, conf, integ, no delegation. */
    public static final class Options {
        private final String target;
        private final Oid nameType;
        private Oid mech = GssOids.KRB5;
        private boolean mutual = true;
        private boolean delegation;
        private boolean confidentiality = true;
        private boolean integrity = true;
        private boolean replayDetection = true;
        private boolean sequenceDetection = true;
        private ChannelBinding channelBinding;

        private Options(String target, Oid nameType) {
            this.target = Objects.requireNonNull(target, "target");
            this.nameType = nameType;
        }

        /** Use SPNEGO (the JDK wraps its own krb5 mechanism) instead of raw Kerberos. */
        public Options spnego() {
            return mech(GssOids.SPNEGO);
        }

        public Options mech(Oid mechanism) {
            this.mech = Objects.requireNonNull(mechanism);
            return this;
        }

        public Options mutual(boolean on) {
            this.mutual = on;
            return this;
        }

        /** Request credential delegation (needs a forwardable TGT). */
        public Options delegation(boolean on) {
            this.delegation = on;
            return this;
        }

        public Options confidentiality(boolean on) {
            this.confidentiality = on;
            return this;
        }

        public Options integrity(boolean on) {
            this.integrity = on;
            return this;
        }

        public Options replayDetection(boolean on) {
            this.replayDetection = on;
            return this;
        }

        public Options sequenceDetection(boolean on) {
            this.sequenceDetection = on;
            return this;
        }

        /** Channel bindings hashed into the RFC 4121 §4.1.1.2 checksum. */
        public Options channelBinding(ChannelBinding binding) {
            this.channelBinding = binding;
            return this;
        }

        /** Creates the context as {@code client} and produces the first token. */
        public JdkInitiator start(Subject client) throws Exception {
            return Subjects.callAs(client, () -> {
                GSSManager manager = GSSManager.getInstance();
                GSSName peer = manager.createName(target, nameType);
                GSSContext context = manager.createContext(peer, mech, null, GSSContext.DEFAULT_LIFETIME);
                configure(context);
                byte[] token = context.initSecContext(new byte[0], 0, 0);
                return new JdkInitiator(client, context, token);
            });
        }

        private void configure(GSSContext context) throws GSSException {
            context.requestMutualAuth(mutual);
            context.requestCredDeleg(delegation);
            context.requestConf(confidentiality);
            context.requestInteg(integrity);
            context.requestReplayDet(replayDetection);
            context.requestSequenceDet(sequenceDetection);
            context.requestAnonymity(false);
            if (channelBinding != null) {
                context.setChannelBinding(channelBinding);
            }
        }
    }
}
