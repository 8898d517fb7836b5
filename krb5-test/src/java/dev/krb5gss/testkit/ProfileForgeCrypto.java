package dev.krb5gss.testkit;

import dev.krb5gss.crypto.CryptoProfile;
import dev.krb5gss.crypto.CryptoProfiles;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.crypto.IntegrityException;
import dev.krb5gss.crypto.SecretBytes;

/**
 * {@link ForgeCrypto} over our own crypto profiles ({@link CryptoProfiles}, RFC 3961 §3): whatever
 * enctypes they implement — RFC 8009 aes-sha2 once it lands — the forge can encrypt in.
 */
final class ProfileForgeCrypto implements ForgeCrypto {
    static final ProfileForgeCrypto INSTANCE = new ProfileForgeCrypto();

    private ProfileForgeCrypto() {
    }

    @Override
    public byte[] encrypt(AesEnctype enctype, byte[] key, int usage, byte[] plaintext) {
        CryptoProfile profile = profile(enctype);
        return profile.encrypt(profile.key(SecretBytes.copyOf(key)), usage, plaintext, 0, plaintext.length);
    }

    @Override
    public byte[] decrypt(AesEnctype enctype, byte[] key, int usage, byte[] ciphertext) {
        CryptoProfile profile = profile(enctype);
        try {
            return profile.decrypt(profile.key(SecretBytes.copyOf(key)), usage, ciphertext, 0, ciphertext.length);
        } catch (IntegrityException e) {
            throw new IllegalArgumentException("decryption with " + enctype + " failed (wrong key or corrupt data)", e);
        }
    }

    @Override
    public byte[] randomKey(AesEnctype enctype) {
        return profile(enctype).randomKey().secret().toByteArray();
    }

    @Override
    public boolean supports(AesEnctype enctype) {
        return CryptoProfiles.isImplemented(EncType.of(enctype.id()));
    }

    private static CryptoProfile profile(AesEnctype enctype) {
        return CryptoProfiles.of(EncType.of(enctype.id())).orElseThrow(() -> new UnsupportedOperationException(
                "dev.krb5gss.crypto does not implement " + enctype.krb5Name() + " yet"));
    }
}
