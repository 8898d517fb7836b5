/** The KDC test kit: an in-process Kerby KDC, keytabs, tickets and a ticket forge for tests. */
package dev.krb5gss.testkit;
