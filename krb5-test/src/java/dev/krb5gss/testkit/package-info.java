/**
 * The KDC test kit: real Kerberos (RFC 4120, RFC 4121) material for tests and the demo.
 *
 * <ul>
 *   <li>{@link dev.krb5gss.testkit.TestKdc}: an in-process Kerby KDC on 127.0.0.1 (TCP only, free
 *       port, temp dir), users with passwords, services with random AES keys (choose aes128 or
 *       aes256 tickets per service), keytab export, krb5.conf, JDK logins, clean stop.</li>
 *   <li>{@link dev.krb5gss.testkit.KdcExtension} + {@link dev.krb5gss.testkit.KdcPrincipals}: ONE
 *       KDC per test JVM (the JDK's krb5 configuration is JVM-wide), per-class principal names.</li>
 *   <li>{@link dev.krb5gss.testkit.JdkInitiator} / {@link dev.krb5gss.testkit.JdkAcceptor}: the
 *       JDK's own GSS peers (krb5 or SPNEGO), run as a Subject on JDK 17 and 25.</li>
 *   <li>{@link dev.krb5gss.testkit.TicketForge}: tickets, authenticators, GSS checksums, KRB-CRED
 *       delegation and AP-REQs with any field chosen, and client Subjects holding forged tickets
 *       for the JDK initiator; encryption through {@link dev.krb5gss.testkit.ForgeCrypto}.</li>
 *   <li>{@link dev.krb5gss.testkit.ForgedPacBuilder} (TEST-ONLY): an Active Directory PAC (MS-PAC)
 *       built and signed with the service key, for {@code TicketBuilder.addAuthorizationData(1,
 *       ForgedPacBuilder.ifRelevant(pac))}; or broken on purpose and re-signed.</li>
 * </ul>
 */
package dev.krb5gss.testkit;
