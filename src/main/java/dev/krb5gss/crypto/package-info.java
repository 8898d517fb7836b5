/**
 * Kerberos crypto profiles (RFC 3961, RFC 3962, RFC 8009, RFC 4757) behind one seam,
 * {@link dev.krb5gss.crypto.CryptoProfile}, with keys held as {@link dev.krb5gss.crypto.CipherKey}
 * that cache their derived keys, and the {@link dev.krb5gss.crypto.EnctypePolicy}.
 */
package dev.krb5gss.crypto;
