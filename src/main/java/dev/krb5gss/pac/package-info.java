/**
 * The Privilege Attribute Certificate of Active Directory tickets (MS-PAC): found in the ticket's
 * authorization data, parsed strictly, its server signature verified under the service key,
 * matched against the ticket, then decoded (KERB_VALIDATION_INFO in NDR, PAC_CLIENT_INFO,
 * UPN_DNS_INFO) into a {@link dev.krb5gss.pac.Pac} with {@link dev.krb5gss.pac.Sid}s.
 */
package dev.krb5gss.pac;
