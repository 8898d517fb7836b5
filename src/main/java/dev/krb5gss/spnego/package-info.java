/**
 * SPNEGO (RFC 4178, with the Microsoft behaviour of MS-SPNG): the NegTokenInit / NegTokenInit2 /
 * NegTokenResp codec (§4.2) with strict DER, mechanism selection among the client's list (§3.2)
 * and the mechListMIC rule (§5); the RFC 2743 §3.1 framing lives in {@code dev.krb5gss.gss}. The
 * acceptor's negotiation state lives in {@code dev.krb5gss.context}; this package has no state.
 */
package dev.krb5gss.spnego;
