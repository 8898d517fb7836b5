/**
 * Mechanism-independent GSS-API pieces shared by the Kerberos and SPNEGO acceptors: the RFC 2743
 * §3.1 initial context token framing, the mechanism OIDs we meet (RFC 4121 §1, RFC 4178 §3.1),
 * and the recognition of NTLMSSP (MS-NLMP §2.2) to refuse it with a useful hint.
 */
package dev.krb5gss.gss;
