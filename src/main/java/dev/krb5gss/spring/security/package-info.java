/**
 * Spring Security on krb5gss: HTTP Negotiate (RFC 4559) with multi-leg SPNEGO, a
 * {@link dev.krb5gss.spring.security.Krb5GssConfigurer} for a user's own filter chain, the entry
 * point, the filter and the {@code Authentication} it produces. Optional: needs Spring Security 6.5
 * or 7 on the class path; the core jar does not.
 */
package dev.krb5gss.spring.security;
