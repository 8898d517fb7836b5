package dev.krb5gss.testkit;

import java.security.MessageDigest;
import java.util.Objects;

/**
 * A Kerberos session key or subkey (RFC 4120 §5.2.9 EncryptionKey: keytype and keyvalue). The key
 * bytes never appear in {@link #toString()}.
 */
public final class SessionKey {
    private final AesEnctype enctype;
    private final byte[] key;

    public SessionKey(AesEnctype enctype, byte[] key) {
        this.enctype = Objects.requireNonNull(enctype, "enctype");
        this.key = key.clone();
    }

    /** A random key of {@code enctype} made by {@code crypto}. */
    public static SessionKey random(AesEnctype enctype, ForgeCrypto crypto) {
        return new SessionKey(enctype, crypto.randomKey(enctype));
    }

    public AesEnctype enctype() {
        return enctype;
    }

    /** A copy of the raw key bytes. */
    public byte[] keyBytes() {
        return key.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionKey k && k.enctype == enctype && MessageDigest.isEqual(k.key, key);
    }

    @Override
    public int hashCode() {
        return enctype.hashCode();
    }

    @Override
    public String toString() {
        return "SessionKey[" + enctype.krb5Name() + ", key redacted]";
    }
}
