/**
 * The adapter between the JDK's GSS-API framework ({@code sun.security.jgss.spi}: mechanism
 * factory, context, credential and name SPIs) and our acceptor. This is the only package that
 * touches {@code sun.security.jgss.*}; everything else speaks our own types.
 *
 * <p>Acceptor requests are served by {@link dev.krb5gss.context}; requests to initiate are routed
 * to the JDK's own Kerberos and SPNEGO mechanisms, so that a JVM with our provider first still
 * works as a Kerberos client (RFC 2743 §2.2.1 init_sec_context is out of our scope).
 */
package dev.krb5gss.spi;
