package dev.krb5gss.bench;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The service an acceptor under benchmark stands for: its Kerberos principal (RFC 4120
 * section 6.2) and the keytab holding its long-term keys.
 */
public record BenchService(String principal, Path keytab) {

    /** Checks both fields are present. */
    public BenchService {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(keytab, "keytab");
    }
}
