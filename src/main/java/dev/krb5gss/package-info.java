/** krb5gss: a pure-Java Kerberos V5 (RFC 4120, RFC 4121) and SPNEGO (RFC 4178) GSS-API acceptor. */
package dev.krb5gss;
