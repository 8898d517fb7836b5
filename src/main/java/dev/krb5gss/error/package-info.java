/**
 * The two exception families: {@link dev.krb5gss.error.RejectedException} for input we reject,
 * with a {@link dev.krb5gss.error.Reason}, and {@link dev.krb5gss.error.InternalFaultException}
 * for our own faults.
 */
package dev.krb5gss.error;
