/**
 * Interoperability suite against MIT krb5 (issue [interop]): an MIT KDC per test class, keytabs
 * written by MIT's {@code kadmin.local ktadd}, MIT's {@code gss-client} and {@code curl
 * --negotiate} as initiators, and a Java acceptor behind the gss-sample protocol or HTTP
 * Negotiate (RFC 4559). Every case runs against the acceptor chosen by {@link
 * dev.krb5gss.interop.AcceptorUnderTest}: the JDK's own, and krb5gss once its provider is on the
 * class path.
 */
package dev.krb5gss.interop;
