/**
 * HTTP Negotiate (RFC 4559) for Apache Tomcat 11: an authenticator valve on krb5gss's
 * {@link dev.krb5gss.web.NegotiateHandler}, configured by attributes
 * ({@link dev.krb5gss.web.AdapterSettings.Setting}), with roles from the container's realm as
 * Tomcat's own {@code SpnegoAuthenticator} does. Tomcat is an optional dependency; only this
 * package refers to it.
 *
 * <pre>{@code
 * <Context>
 *   <Valve className="dev.krb5gss.web.tomcat.NegotiateAuthenticator"
 *          keytab="/etc/http.keytab" persistOnConnection="false" maxSkew="PT5M"/>
 * </Context>
 * }</pre>
 *
 * with {@code <auth-method>SPNEGO</auth-method>} in {@code web.xml} (see
 * {@code jaas-examples/tomcat-native/}). In code, with roles from a mapper instead of the realm:
 *
 * <pre>{@code
 * Acceptor acceptor = Acceptor.builder().keytab(Path.of("/etc/http.keytab")).build();
 * NegotiateHandler negotiate = NegotiateHandler.builder(acceptor)
 *     .roles(established -> Set.of("users")).build();
 * context.getPipeline().addValve(new NegotiateAuthenticator(negotiate));
 * }</pre>
 *
 * <p>The drop-in alternative needs no code from this package but {@link Krb5GssCheckListener}:
 * Tomcat's own {@code SpnegoAuthenticator}, {@code dev.krb5gss.jaas.KeytabLoginModule} in the
 * {@code com.sun.security.jgss.krb5.accept} JAAS entry and the krb5gss provider (installed by the
 * listener). It then runs on krb5gss's mechanism but keeps Tomcat's limits: one leg per
 * negotiation, no channel bindings, and a raw NTLMSSP token is refused by the JDK's framing check
 * before any provider sees it.
 */
package dev.krb5gss.web.tomcat;
