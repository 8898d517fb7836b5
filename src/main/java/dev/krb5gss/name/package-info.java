/** Kerberos principal names (RFC 4120 §6.2) as immutable values. */
package dev.krb5gss.name;
