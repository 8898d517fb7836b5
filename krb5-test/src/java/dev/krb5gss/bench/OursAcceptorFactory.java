package dev.krb5gss.bench;

import dev.krb5gss.context.AcceptResult;
import dev.krb5gss.context.AcceptStatus;
import dev.krb5gss.context.Acceptor;
import dev.krb5gss.context.ServerContext;
import dev.krb5gss.replay.InMemoryReplayCache;
import dev.krb5gss.token.MessageProtection;

/**
 * The {@code ours-acceptor} slot: our plain acceptor API ({@link Acceptor}, RFC 4121 and RFC
 * 4178 server side) with keys from the service keytab and a new in-memory replay cache (RFC
 * 4120 section 3.2.3) for every {@link #open}.
 */
public final class OursAcceptorFactory implements BenchAcceptor.Factory {

    @Override
    public BenchAcceptor open(BenchService service) throws Exception {
        Acceptor acceptor = Acceptor.builder()
                .keytab(service.keytab())
                // one benchmark client sends every token: no per-client share
                .replayCache(new InMemoryReplayCache(java.time.Clock.systemUTC(),
                        InMemoryReplayCache.DEFAULT_MAX_ENTRIES, InMemoryReplayCache.DEFAULT_MAX_ENTRIES))
                .build();
        return new Opened(acceptor);
    }

    /** An acceptor built elsewhere (e.g. with another replay cache), seen as a bench slot. */
    static BenchAcceptor opened(Acceptor acceptor) {
        return new Opened(acceptor);
    }

    private static final class Opened implements BenchAcceptor {

        private final Acceptor acceptor;

        Opened(Acceptor acceptor) {
            this.acceptor = acceptor;
        }

        @Override
        public BenchContext newContext() {
            return new Context(acceptor.newContext());
        }

        @Override
        public void close() {
            // The acceptor holds no resources beyond its keys and replay cache: dropping it is enough.
        }
    }

    /** A {@link ServerContext} seen through {@link BenchContext}. */
    private static final class Context implements BenchContext {

        private final ServerContext context;
        private MessageProtection protection;

        Context(ServerContext context) {
            this.context = context;
        }

        @Override
        public byte[] accept(byte[] initialToken) throws Exception {
            AcceptResult result = context.accept(initialToken);
            if (result.status() != AcceptStatus.COMPLETE) {
                throw new IllegalStateException(
                        "expected COMPLETE after the initial token, got " + result.status());
            }
            return result.hasOutputToken() ? result.outputToken() : new byte[0];
        }

        @Override
        public byte[] wrap(byte[] message) throws Exception {
            return protection().wrap(message, 0, message.length, true);
        }

        @Override
        public byte[] unwrap(byte[] token) throws Exception {
            return protection().unwrap(token, 0, token.length).data();
        }

        /** One MessageProtection per context, as a server keeps it for the connection. */
        private MessageProtection protection() throws Exception {
            if (protection == null) {
                protection = context.protection();
            }
            return protection;
        }

        @Override
        public String sourceName() throws Exception {
            return context.established().client().toString();
        }

        @Override
        public void dispose() {
            context.dispose();
        }
    }
}
