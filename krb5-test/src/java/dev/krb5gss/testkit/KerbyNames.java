package dev.krb5gss.testkit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import org.apache.kerby.kerberos.kerb.type.KerberosTime;
import org.apache.kerby.kerberos.kerb.type.base.NameType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;

/** Conversions from the kit's strings and Instants to Kerby's RFC 4120 §5.2.2 / §5.2.3 types. */
final class KerbyNames {
    private KerbyNames() {
    }

    /** {@code a/b@REALM} → PrincipalName [a, b] of {@code type} (the realm is carried separately). */
    static PrincipalName name(String principal, NameType type) {
        String withoutRealm = principal.contains("@") ? principal.substring(0, principal.lastIndexOf('@')) : principal;
        PrincipalName name = new PrincipalName(Arrays.asList(withoutRealm.split("/")), type);
        name.setRealm(realm(principal));
        return name;
    }

    /** The realm of {@code a/b@REALM}; fails when there is none. */
    static String realm(String principal) {
        int at = principal.lastIndexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("expected name@REALM, got " + principal);
        }
        return principal.substring(at + 1);
    }

    /** KerberosTime has whole seconds on the wire (RFC 4120 §5.2.3). */
    static KerberosTime time(Instant instant) {
        return new KerberosTime(instant.truncatedTo(ChronoUnit.SECONDS).toEpochMilli());
    }
}
