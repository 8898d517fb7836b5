/**
 * A JAAS {@link javax.security.auth.spi.LoginModule} that logs a service (a GSS-API acceptor,
 * RFC 2743 §2.1.1) in from its keytab, with no KDC contact: {@link
 * dev.krb5gss.jaas.KeytabLoginModule}.
 */
package dev.krb5gss.jaas;
