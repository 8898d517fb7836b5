/**
 * HTTP Negotiate (RFC 4559) for Apache Tomcat 11: an authenticator valve on krb5gss's
 * {@link dev.krb5gss.web.NegotiateHandler}. Tomcat is an optional dependency; only this package
 * refers to it.
 *
 * <p>In {@code context.xml}, next to a realm that grants roles (or in code, with a
 * {@link dev.krb5gss.web.RoleMapper} and {@code NullRealm}):
 *
 * <pre>{@code
 * <Context>
 *   <Valve className="dev.krb5gss.web.tomcat.NegotiateAuthenticator" keytab="/etc/http.keytab"/>
 * </Context>
 * }</pre>
 *
 * with {@code <auth-method>SPNEGO</auth-method>} in {@code web.xml}. In code:
 *
 * <pre>{@code
 * Acceptor acceptor = Acceptor.builder().keytab(Path.of("/etc/http.keytab")).build();
 * NegotiateHandler negotiate = NegotiateHandler.builder(acceptor)
 *     .roles(established -> Set.of("users")).build();
 * context.getPipeline().addValve(new NegotiateAuthenticator(negotiate));
 * }</pre>
 *
 * <p>The drop-in alternative needs no code from this package: Tomcat's own
 * {@code SpnegoAuthenticator}, {@code dev.krb5gss.jaas.KeytabLoginModule} in the
 * {@code com.sun.security.jgss.krb5.accept} JAAS entry and {@code Krb5GssProvider.install()}.
 * It then runs on krb5gss's mechanism but keeps Tomcat's limits: one leg per negotiation, no
 * channel bindings, and a raw NTLMSSP token is refused by the JDK's framing check before any
 * provider sees it.
 */
package dev.krb5gss.web.tomcat;
