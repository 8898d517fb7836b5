/**
 * Where the JVM's Kerberos configuration lives and the few {@code [libdefaults]} values an
 * acceptor needs from it (MIT krb5.conf(5) "profile" format): the default realm and the default
 * keytab.
 */
package dev.krb5gss.config;
