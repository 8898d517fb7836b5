/**
 * The Kerberos V5 GSS-API acceptor core: RFC 4121 §4.1 initial context tokens, KRB_AP_REQ
 * verification (RFC 4120 §3.2.3), the 0x8003 checksum and channel bindings (RFC 4121 §4.1.1),
 * KRB_AP_REP with an acceptor subkey (RFC 4120 §3.2.4, RFC 4121 §2) and KRB-ERROR tokens.
 */
package dev.krb5gss.ap;
