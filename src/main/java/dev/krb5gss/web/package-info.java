/**
 * HTTP Negotiate (RFC 4559) for servlet containers, independent of any container:
 * {@link dev.krb5gss.web.NegotiateHandler} runs each request's leg on the server-context state
 * machine, keeping multi-leg SPNEGO negotiations in the acceptor's pending-context store keyed by
 * the TCP connection; {@link dev.krb5gss.web.TlsServerEndPoint} computes RFC 5929 channel bindings.
 * The Tomcat and Jetty adapters live in their own packages; neither container is a dependency
 * of this package.
 */
package dev.krb5gss.web;
