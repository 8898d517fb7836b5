/**
 * HTTP Negotiate (RFC 4559) for Eclipse Jetty 12 (core API): an
 * {@link org.eclipse.jetty.security.Authenticator} on krb5gss's
 * {@link dev.krb5gss.web.NegotiateHandler}, configured by setters (Jetty XML; see
 * {@code jaas-examples/jetty-native/} and its {@code krb5gss-native} module), with roles from
 * the security handler's {@code LoginService}. Jetty is an optional dependency; only this package
 * refers to it.
 *
 * <pre>{@code
 * Acceptor acceptor = Acceptor.builder().keytab(Path.of("/etc/http.keytab")).build();
 * SecurityHandler.PathMapped security = new SecurityHandler.PathMapped();
 * security.put("/*", Constraint.from("users"));
 * security.setAuthenticator(new NegotiateAuthenticator(
 *     NegotiateHandler.builder(acceptor).roles(established -> Set.of("users")).build()));
 * }</pre>
 *
 * <p>On HTTPS, add a {@code SecureRequestCustomizer} so the authenticator can read the server
 * certificate for RFC 5929 channel bindings. The drop-in alternative is Jetty's own
 * {@code SPNEGOAuthenticator} and {@code SPNEGOLoginService} with {@code Krb5GssProvider.install()}
 * called before the login service is created (it takes its {@code GSSManager} in its
 * constructor); it runs on krb5gss's mechanism but fails with a 500 (not a 401) when a token is
 * rejected, and cannot start a negotiation that needs a second leg.
 */
package dev.krb5gss.web.jetty;
