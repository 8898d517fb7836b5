/**
 * Active Directory in the tests: {@link dev.krb5gss.ad.SambaDc}, a Samba AD DC provisioned per
 * test class (tickets carry an MS-PAC), guarded by {@link dev.krb5gss.ad.RequiresSambaAd}, and the
 * AD interop suite: MIT's {@code kinit}, {@code gss-client} and {@code curl --negotiate} against
 * krb5gss with keytabs exported by {@code samba-tool}.
 */
package dev.krb5gss.ad;
