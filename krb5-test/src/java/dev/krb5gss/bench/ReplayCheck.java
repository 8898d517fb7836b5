package dev.krb5gss.bench;

import org.ietf.jgss.GSSException;

/**
 * Proves a replay cache (RFC 4120 section 3.2.3) was on: a token the acceptor already took is
 * offered again and must be refused.
 */
final class ReplayCheck {

    private ReplayCheck() {
    }

    static void expectRefused(BenchAcceptor acceptor, byte[] acceptedToken, String name)
            throws Exception {
        BenchContext context = acceptor.newContext();
        try {
            context.accept(acceptedToken);
        } catch (GSSException e) {
            if (e.getMajor() == GSSException.DUPLICATE_TOKEN || mentionsReplay(e)) {
                return;
            }
            throw new IllegalStateException(
                    "expected " + name + " to refuse the replay as a replay, got " + e, e);
        } catch (Exception e) {
            if (mentionsReplay(e)) {
                return;
            }
            throw new IllegalStateException(
                    "expected " + name + " to refuse the replay as a replay, got " + e, e);
        } finally {
            context.dispose();
        }
        throw new IllegalStateException(name + " accepted a token twice: its replay cache is off");
    }

    /** The JDK says GSSException.FAILURE with "Request is a replay (34)" in the message. */
    private static boolean mentionsReplay(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (message.contains("replay") || message.contains("duplicate")) {
                return true;
            }
        }
        return false;
    }
}
