package dev.krb5gss.pac;

/**
 * The checks a ticket's PAC (MS-PAC) must pass, each named in the message of a
 * {@link dev.krb5gss.error.Reason#PAC_INVALID} rejection ({@code "PAC check SERVER_SIGNATURE
 * failed: ..."}) so an operator, a log filter or a test can tell them apart.
 */
public enum PacCheck {
  /** The ticket's authorization-data (RFC 4120 §5.2.6) around the PAC: AD-IF-RELEVANT, one PAC. */
  AUTHORIZATION_DATA,
  /** PACTYPE (MS-PAC §2.3): length, Version 0, cBuffers within bounds. */
  PACTYPE,
  /** PAC_INFO_BUFFER (MS-PAC §2.4): offset and size inside the PAC, 8-byte aligned, no overlap. */
  BUFFER_LAYOUT,
  /** A buffer type this library interprets appears twice, or a required one is missing. */
  BUFFER_SET,
  /** PAC_SERVER_CHECKSUM (MS-PAC §2.8.1) under the service key that decrypted the ticket. */
  SERVER_SIGNATURE,
  /** KDC, ticket and full-PAC signatures (MS-PAC §2.8.2-§2.8.4): present where required, well-formed. */
  KDC_SIGNATURE,
  /** PAC_CLIENT_INFO (MS-PAC §2.7): the ticket's client name and auth time. */
  CLIENT_INFO,
  /** UPN_DNS_INFO (MS-PAC §2.10): bounds, and the SAM name and SID matching the logon info. */
  UPN_DNS_INFO,
  /** KERB_VALIDATION_INFO (MS-PAC §2.5) in NDR (MS-RPCE §2.2.6): headers, pointers, counts. */
  LOGON_INFO,
  /** PAC_ATTRIBUTES_INFO (MS-PAC §2.14) and PAC_REQUESTOR (§2.15), when present: well-formed. */
  ATTRIBUTES_AND_REQUESTOR;

  /** The rejection for this check: {@code PAC check NAME failed: detail}. */
  dev.krb5gss.error.RejectedException fail(String detail) {
    return new dev.krb5gss.error.RejectedException(dev.krb5gss.error.Reason.PAC_INVALID,
        "PAC check " + name() + " failed: " + detail);
  }
}
