package dev.krb5gss.bench;

/**
 * One opened acceptor under benchmark: a service credential plus a replay cache (RFC 4120
 * section 3.2.3) that was empty when {@link Factory#open} returned it.
 */
public interface BenchAcceptor extends AutoCloseable {

    /** A context that has seen no token yet (a "pending" context). */
    BenchContext newContext() throws Exception;

    /** Releases the credential; the replay cache may go with it. */
    @Override
    void close() throws Exception;

    /**
     * Opens acceptors of one implementation. Every {@link #open} must give an acceptor whose
     * replay cache is empty: the benchmark replays the same token file once per pass, and
     * checks the contract (a pass that meets a replay fails loudly, never silently).
     * Implementations need a public no-argument constructor when loaded by class name.
     */
    interface Factory {

        BenchAcceptor open(BenchService service) throws Exception;
    }
}
