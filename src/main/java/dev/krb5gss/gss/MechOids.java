package dev.krb5gss.gss;

import dev.krb5gss.der.ObjectId;

/**
 * The GSS mechanism OIDs (RFC 2743 §3.1 thisMech, RFC 4178 §4.1 MechType) we meet in negotiations.
 */
public final class MechOids {
  /** Kerberos V5, RFC 1964 §1 / RFC 4121 §1. */
  public static final ObjectId KRB5 = ObjectId.of("1.2.840.113554.1.2.2");
  /** Microsoft's legacy Kerberos OID, which Windows lists first in its SPNEGO offers. */
  public static final ObjectId MS_KRB5 = ObjectId.of("1.2.840.48018.1.2.2");
  /** SPNEGO itself, RFC 4178 §3.1. */
  public static final ObjectId SPNEGO = ObjectId.of("1.3.6.1.5.5.2");
  /** NTLMSSP (MS-NLMP), which we do not implement. */
  public static final ObjectId NTLM = ObjectId.of("1.3.6.1.4.1.311.2.2.10");
  /** NEGOEX (MS-NEGOEX), which Windows may list; we do not implement it. */
  public static final ObjectId NEGOEX = ObjectId.of("1.3.6.1.4.1.311.2.2.30");

  private MechOids() {}

  /** True for both Kerberos OIDs. */
  public static boolean isKerberos(ObjectId oid) {
    return KRB5.equals(oid) || MS_KRB5.equals(oid);
  }
}
