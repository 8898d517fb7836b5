/**
 * krb5gss for existing Spring Security Kerberos 2.1 configurations: a {@code KerberosTicketValidator}
 * to use in place of {@code SunJaasKerberosTicketValidator}.
 */
package dev.krb5gss.spring.kerberos;
