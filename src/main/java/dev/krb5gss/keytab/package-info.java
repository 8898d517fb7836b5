/** Service keys from keytab files (MIT keytab format) and key selection by name, kvno and enctype. */
package dev.krb5gss.keytab;
