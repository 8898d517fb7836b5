/**
 * Delegated credentials: the KRB-CRED (RFC 4120 §5.8) a client forwards in the RFC 4121 §4.1.1
 * checksum, decrypted and turned into a {@link javax.security.auth.kerberos.KerberosTicket} the
 * JDK's Kerberos initiator can use to act as the client.
 */
package dev.krb5gss.delegation;
