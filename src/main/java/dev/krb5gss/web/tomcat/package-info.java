/**
 * HTTP Negotiate (RFC 4559) for Apache Tomcat 11: an authenticator valve on krb5gss's
 * {@link dev.krb5gss.web.NegotiateHandler}. Tomcat is an optional dependency; only this package
 * refers to it.
 */
package dev.krb5gss.web.tomcat;
