/**
 * Benchmarks of GSS-API acceptors (RFC 2743 section 2.2.2, RFC 4121, RFC 4178): accepts per
 * second over a token file made by MIT's initiator, wrap/unwrap throughput (RFC 4121 section
 * 4.2.6.2) and heap per context. Driven by {@code krb5-test/bench/run.sh}; excluded from
 * surefire.
 *
 * <p>An acceptor under test is a {@link dev.krb5gss.bench.BenchAcceptor.Factory} chosen by
 * name in {@link dev.krb5gss.bench.BenchAcceptors}: {@code jdk} (the JDK's mechanism through
 * {@code GSSManager}), {@code ours-gss} (ours through {@code GSSManager} after
 * {@code dev.krb5gss.Krb5GssProvider.install()}) and {@code ours-acceptor} (ours through the
 * plain acceptor API, via the factory class {@code dev.krb5gss.bench.OursAcceptorFactory}).
 * The two {@code ours} variants are looked up reflectively and reported unavailable until
 * their classes exist.
 */
package dev.krb5gss.bench;
