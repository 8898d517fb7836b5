package dev.krb5gss.testkit;

import org.ietf.jgss.GSSException;
import org.ietf.jgss.Oid;

/** Mechanism and name-type OIDs: Kerberos V5 (RFC 1964 §1), SPNEGO (RFC 4178 §3), krb5 principal names (RFC 1964 §2.1.1). */
public final class GssOids {
    /** 1.2.840.113554.1.2.2, the Kerberos V5 GSS mechanism. */
    public static final Oid KRB5 = oid("1.2.840.113554.1.2.2");
    /** 1.3.6.1.5.5.2, SPNEGO. */
    public static final Oid SPNEGO = oid("1.3.6.1.5.5.2");
    /** 1.2.840.113554.1.2.2.1, GSS_KRB5_NT_PRINCIPAL_NAME. */
    public static final Oid KRB5_PRINCIPAL_NAME = oid("1.2.840.113554.1.2.2.1");

    private GssOids() {
    }

    private static Oid oid(String dotted) {
        try {
            return new Oid(dotted);
        } catch (GSSException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
