/**
 * Spring Boot 3.5 / 4 auto-configuration of krb5gss ({@code krb5gss.*} properties): set
 * {@code krb5gss.keytab} and every request of a servlet application needs a Negotiate user.
 */
package dev.krb5gss.spring.boot;
