/**
 * A small strict DER reader and writer (ITU-T X.690 §8, §10): definite, minimal lengths checked
 * against what remains, single-octet tags, no trailing bytes. Enough for the SPNEGO messages of
 * RFC 4178 §4.2 and the RFC 2743 §3.1 token framing; malformed input is a
 * {@link dev.krb5gss.error.RejectedException} with reason MALFORMED_TOKEN.
 */
package dev.krb5gss.der;
