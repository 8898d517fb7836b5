/** The Kerberos configuration file (MIT krb5.conf, "profile" format) as far as an acceptor needs it. */
package dev.krb5gss.config;
