/**
 * HTTP Negotiate (RFC 4559) for Eclipse Jetty 12 (core API): an
 * {@link org.eclipse.jetty.security.Authenticator} on krb5gss's
 * {@link dev.krb5gss.web.NegotiateHandler}. Jetty is an optional dependency; only this package
 * refers to it.
 */
package dev.krb5gss.web.jetty;
