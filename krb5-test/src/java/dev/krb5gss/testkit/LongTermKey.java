package dev.krb5gss.testkit;

import java.security.MessageDigest;
import java.util.Objects;

/**
 * One long-term key of a principal (RFC 4120 §5.2.9 EncryptionKey plus its kvno and owner): what a
 * keytab entry holds and what {@link TicketForge} encrypts tickets with. Test material only; the
 * key bytes never appear in {@link #toString()}.
 */
public final class LongTermKey {
    private final String principal;
    private final AesEnctype enctype;
    private final int kvno;
    private final byte[] key;

    /**
     * @param principal full principal name with realm, e.g. {@code HTTP/localhost@EXAMPLE.COM}
     * @param enctype the key's encryption type
     * @param kvno key version number
     * @param key raw key bytes, {@link AesEnctype#keyLength()} long
     */
    public LongTermKey(String principal, AesEnctype enctype, int kvno, byte[] key) {
        this.principal = Objects.requireNonNull(principal, "principal");
        this.enctype = Objects.requireNonNull(enctype, "enctype");
        this.kvno = kvno;
        if (key.length != enctype.keyLength()) {
            throw new IllegalArgumentException(
                    "expected a " + enctype.keyLength() + "-byte key for " + enctype + ", got " + key.length);
        }
        this.key = key.clone();
    }

    public String principal() {
        return principal;
    }

    /** The realm part of {@link #principal()}. */
    public String realm() {
        return principal.substring(principal.lastIndexOf('@') + 1);
    }

    /** The name part of {@link #principal()}, without the realm. */
    public String nameWithoutRealm() {
        return principal.substring(0, principal.lastIndexOf('@'));
    }

    public AesEnctype enctype() {
        return enctype;
    }

    public int kvno() {
        return kvno;
    }

    /** A copy of the raw key bytes. */
    public byte[] keyBytes() {
        return key.clone();
    }

    /** The same key material under another kvno (for wrong-kvno cases). */
    public LongTermKey withKvno(int otherKvno) {
        return new LongTermKey(principal, enctype, otherKvno, key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LongTermKey k && k.principal.equals(principal) && k.enctype == enctype
                && k.kvno == kvno && MessageDigest.isEqual(k.key, key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(principal, enctype, kvno);
    }

    @Override
    public String toString() {
        return "LongTermKey[" + principal + ", " + enctype.krb5Name() + ", kvno " + kvno + ", key redacted]";
    }
}
