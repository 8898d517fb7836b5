package dev.krb5gss.context;

import dev.krb5gss.der.ObjectId;
import dev.krb5gss.gss.MechOids;

/**
 * The outer GSS mechanism a client used: raw Kerberos V5 (RFC 4121) under the standard OID or the
 * Microsoft legacy OID, or SPNEGO (RFC 4178) around Kerberos.
 */
public enum Negotiated {
  KRB5(MechOids.KRB5),
  MS_KRB5(MechOids.MS_KRB5),
  SPNEGO(MechOids.SPNEGO);

  private final ObjectId oid;

  Negotiated(ObjectId oid) {
    this.oid = oid;
  }

  public ObjectId oid() {
    return oid;
  }

  /** The dotted OID, e.g. {@code 1.2.840.113554.1.2.2}. */
  public String oidString() {
    return oid.dotted();
  }

  boolean isKerberos() {
    return this != SPNEGO;
  }
}
