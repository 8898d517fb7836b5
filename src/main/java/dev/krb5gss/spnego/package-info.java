/**
 * SPNEGO (RFC 4178, with the Microsoft behaviour of MS-SPNG): the NegTokenInit / NegTokenInit2 /
 * NegTokenResp codec (§4.2) with strict DER, the RFC 2743 §3.1 initial-token framing, mechanism
 * selection among the client's list (§3.2), the mechListMIC rule (§5), and NTLM detection. The
 * acceptor's negotiation state lives in {@code dev.krb5gss.context}; this package has no state.
 */
package dev.krb5gss.spnego;
