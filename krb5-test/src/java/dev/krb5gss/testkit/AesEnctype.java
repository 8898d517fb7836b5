package dev.krb5gss.testkit;

import java.util.Arrays;

/**
 * The AES Kerberos encryption types the kit knows by number and name: RFC 3962 (aes-sha1, 17/18)
 * and RFC 8009 (aes-sha2, 19/20). Numbers are from the IANA registry (RFC 3961 §8).
 */
public enum AesEnctype {
    /** RFC 3962 aes128-cts-hmac-sha1-96. */
    AES128_CTS_HMAC_SHA1_96(17, "aes128-cts-hmac-sha1-96", 16),
    /** RFC 3962 aes256-cts-hmac-sha1-96. */
    AES256_CTS_HMAC_SHA1_96(18, "aes256-cts-hmac-sha1-96", 32),
    /** RFC 8009 aes128-cts-hmac-sha256-128. */
    AES128_CTS_HMAC_SHA256_128(19, "aes128-cts-hmac-sha256-128", 16),
    /** RFC 8009 aes256-cts-hmac-sha384-192. */
    AES256_CTS_HMAC_SHA384_192(20, "aes256-cts-hmac-sha384-192", 32);

    private final int id;
    private final String krb5Name;
    private final int keyLength;

    AesEnctype(int id, String krb5Name, int keyLength) {
        this.id = id;
        this.krb5Name = krb5Name;
        this.keyLength = keyLength;
    }

    /** The enctype number carried on the wire (EncryptedData.etype, EncryptionKey.keytype). */
    public int id() {
        return id;
    }

    /** The name krb5.conf and MIT tools use. */
    public String krb5Name() {
        return krb5Name;
    }

    /** Length of a key of this type in bytes. */
    public int keyLength() {
        return keyLength;
    }

    /** Looks an enctype up by its number. */
    public static AesEnctype of(int id) {
        return Arrays.stream(values())
                .filter(e -> e.id == id)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("expected enctype 17..20, got " + id));
    }
}
