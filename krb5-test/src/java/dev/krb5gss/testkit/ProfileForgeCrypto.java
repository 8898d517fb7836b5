package dev.krb5gss.testkit;

import dev.krb5gss.crypto.CipherKey;
import dev.krb5gss.crypto.CryptoProfile;
import dev.krb5gss.crypto.CryptoProfiles;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.crypto.IntegrityException;
import dev.krb5gss.crypto.SecretBytes;

/**
 * {@link ForgeCrypto} over krb5gss's own javax.crypto profiles (dev.krb5gss.crypto): all four AES
 * enctypes, including the RFC 8009 ones (19/20) Kerby lacks. Use with
 * {@code TicketForge.forService(key).withCrypto(ProfileForgeCrypto.INSTANCE)}.
 */
public final class ProfileForgeCrypto implements ForgeCrypto {
    public static final ProfileForgeCrypto INSTANCE = new ProfileForgeCrypto();

    private ProfileForgeCrypto() {
    }

    @Override
    public byte[] encrypt(Enctype enctype, byte[] key, int usage, byte[] plaintext) {
        CryptoProfile p = profile(enctype);
        return p.encrypt(p.key(SecretBytes.copyOf(key)), usage, plaintext, 0, plaintext.length);
    }

    @Override
    public byte[] decrypt(Enctype enctype, byte[] key, int usage, byte[] ciphertext) {
        CryptoProfile p = profile(enctype);
        try {
            return p.decrypt(p.key(SecretBytes.copyOf(key)), usage, ciphertext, 0, ciphertext.length);
        } catch (IntegrityException e) {
            throw new IllegalArgumentException("decryption with " + enctype + " failed", e);
        }
    }

    @Override
    public byte[] randomKey(Enctype enctype) {
        CipherKey k = profile(enctype).randomKey();
        return k.secret().toByteArray();
    }

    @Override
    public boolean supports(Enctype enctype) {
        return CryptoProfiles.isImplemented(EncType.of(enctype.id()));
    }

    private static CryptoProfile profile(Enctype enctype) {
        return CryptoProfiles.of(EncType.of(enctype.id())).orElseThrow();
    }
}
