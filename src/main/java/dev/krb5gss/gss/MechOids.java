package dev.krb5gss.gss;

import dev.krb5gss.der.ObjectId;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.Oid;

/**
 * The GSS mechanism OIDs (RFC 2743 §3.1 thisMech, RFC 4178 §4.1 MechType) we meet in negotiations:
 * the one list of them, as our {@link ObjectId}s for the codecs and, in {@link Jgss}, as the
 * JDK's {@link Oid}s for its GSS-API and provider interface.
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

  /** The same OIDs as {@code org.ietf.jgss.Oid}s, plus the Kerberos principal name type. */
  public static final class Jgss {
    public static final Oid KRB5 = of(MechOids.KRB5);
    public static final Oid MS_KRB5 = of(MechOids.MS_KRB5);
    public static final Oid SPNEGO = of(MechOids.SPNEGO);
    /** GSS_KRB5_NT_PRINCIPAL_NAME, RFC 1964 §2.1.1. */
    public static final Oid NT_KRB5_PRINCIPAL = of(ObjectId.of("1.2.840.113554.1.2.2.1"));

    private Jgss() {}

    /** True for both Kerberos OIDs. */
    public static boolean isKerberos(Oid mech) {
      return KRB5.equals(mech) || MS_KRB5.equals(mech);
    }

    private static Oid of(ObjectId id) {
      try {
        return new Oid(id.dotted());
      } catch (GSSException e) {
        throw new ExceptionInInitializerError(e);
      }
    }
  }

  /** True for both Kerberos OIDs. */
  public static boolean isKerberos(ObjectId oid) {
    return KRB5.equals(oid) || MS_KRB5.equals(oid);
  }
}
