package dev.krb5gss.spi;

import dev.krb5gss.Krb5GssProvider;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/** The mechanism and name-type OIDs we serve (RFC 1964 §2.1, RFC 4178 §3, RFC 2743 §4). */
final class MechOids {
  static final Oid KRB5 = oid(Krb5GssProvider.KRB5_OID);
  static final Oid MS_KRB5 = oid(Krb5GssProvider.MS_KRB5_OID);
  static final Oid SPNEGO = oid(Krb5GssProvider.SPNEGO_OID);
  /** GSS_KRB5_NT_PRINCIPAL_NAME, RFC 1964 §2.1.1. */
  static final Oid NT_KRB5_PRINCIPAL = oid("1.2.840.113554.1.2.2.1");

  static final Oid[] NAME_TYPES = {
    GSSName.NT_USER_NAME, GSSName.NT_HOSTBASED_SERVICE, GSSName.NT_EXPORT_NAME, NT_KRB5_PRINCIPAL
  };

  private MechOids() {}

  static boolean isKerberos(Oid mech) {
    return KRB5.equals(mech) || MS_KRB5.equals(mech);
  }

  private static Oid oid(String s) {
    try {
      return new Oid(s);
    } catch (GSSException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
