package dev.krb5gss.testkit;

/**
 * The RFC 3961 §3 encryption profile operations the {@link TicketForge} needs, behind one small
 * interface so the Kerby-backed default ({@link #kerby()}, RFC 3962 enctypes 17/18) can be swapped
 * for our own crypto (RFC 8009 enctypes 19/20) without touching the forge.
 */
public interface ForgeCrypto {

    /** RFC 3961 encrypt: confounder, cipher and integrity tag, for key usage {@code usage}. */
    byte[] encrypt(Enctype enctype, byte[] key, int usage, byte[] plaintext);

    /** RFC 3961 decrypt-and-verify; throws if the integrity check fails. */
    byte[] decrypt(Enctype enctype, byte[] key, int usage, byte[] ciphertext);

    /** A fresh random key of {@code enctype} (RFC 3961 random-to-key over random bytes). */
    byte[] randomKey(Enctype enctype);

    /** Whether this implementation handles {@code enctype}. */
    boolean supports(Enctype enctype);

    /** The default: Apache Kerby's kerb-crypto, aes-sha1 only. */
    static ForgeCrypto kerby() {
        return KerbyForgeCrypto.INSTANCE;
    }
}
