/**
 * The demo: an in-process KDC, an HTTP server protected by Negotiate (RFC 4559) through
 * {@code GSSManager.getInstance()} with the krb5gss provider installed, and the JDK's own SPNEGO
 * initiator authenticating to it. Also the small mains the forked-JVM tests run.
 */
package dev.krb5gss.demo;
