package dev.krb5gss.testkit;

/**
 * The RFC 3961 §3 encryption profile operations the {@link TicketForge} needs, behind one small
 * interface: Kerby ({@link #kerby()}, RFC 3962 enctypes 17/18, independent of the code under
 * test), our own {@code dev.krb5gss.crypto} ({@link #ours()}, which will add RFC 8009 enctypes
 * 19/20), or the default {@link #standard()} that prefers Kerby and falls back to ours.
 */
public interface ForgeCrypto {

    /** RFC 3961 encrypt: confounder, cipher and integrity tag, for key usage {@code usage}. */
    byte[] encrypt(AesEnctype enctype, byte[] key, int usage, byte[] plaintext);

    /** RFC 3961 decrypt-and-verify; throws if the integrity check fails. */
    byte[] decrypt(AesEnctype enctype, byte[] key, int usage, byte[] ciphertext);

    /** A fresh random key of {@code enctype} (RFC 3961 random-to-key over random bytes). */
    byte[] randomKey(AesEnctype enctype);

    /** Whether this implementation handles {@code enctype}. */
    boolean supports(AesEnctype enctype);

    /** Apache Kerby's kerb-crypto, aes-sha1 only. */
    static ForgeCrypto kerby() {
        return KerbyForgeCrypto.INSTANCE;
    }

    /** Our own crypto profiles ({@code dev.krb5gss.crypto.CryptoProfiles}). */
    static ForgeCrypto ours() {
        return ProfileForgeCrypto.INSTANCE;
    }

    /** The forge's default: Kerby where it can (17/18), our own crypto for the rest (19/20). */
    static ForgeCrypto standard() {
        return new FallbackForgeCrypto(kerby(), ours());
    }
}
