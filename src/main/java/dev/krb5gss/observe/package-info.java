/**
 * Observation of the acceptor, with no dependency: one {@link dev.krb5gss.observe.AcceptLeg} per
 * accept leg (RFC 2743 §2.2.2 GSS_Accept_sec_context call), handed to the registered
 * {@link dev.krb5gss.observe.AcceptObserver}s and, while a JDK Flight Recorder recording enables
 * it, recorded as a {@code dev.krb5gss.Accept} event ({@link dev.krb5gss.observe.AcceptEvent}).
 * Both routes into the acceptor (the plain {@code dev.krb5gss.context.Acceptor} API and the
 * {@code java.security.Provider}) finish their legs in {@code ServerContext.accept}, the one place
 * that reports them. With no observer registered and no recording running, a leg costs one
 * volatile read and one static JFR check.
 */
package dev.krb5gss.observe;
