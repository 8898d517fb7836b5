/**
 * RFC 4121 §4.2 per-message tokens (Wrap 05 04, MIC 04 04) for an established Kerberos context:
 * {@link dev.krb5gss.token.MessageProtection}, with the 64-bit sequence window of
 * {@link dev.krb5gss.token.SequenceWindow} (RFC 2743 §1.2.3 supplementary status); for rc4-hmac
 * contexts the RFC 4757 §7 tokens (Wrap 02 01, MIC 01 01) of {@code Rc4MessageTokens}.
 */
package dev.krb5gss.token;
