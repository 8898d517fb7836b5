package dev.krb5gss.testkit;

import java.security.SecureRandom;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.crypto.EncTypeHandler;
import org.apache.kerby.kerberos.kerb.crypto.EncryptionHandler;

/** {@link ForgeCrypto} over Apache Kerby's RFC 3962 aes-sha1 implementation (enctypes 17 and 18). */
final class KerbyForgeCrypto implements ForgeCrypto {
    static final KerbyForgeCrypto INSTANCE = new KerbyForgeCrypto();
    private static final SecureRandom RANDOM = new SecureRandom();

    private KerbyForgeCrypto() {
    }

    @Override
    public byte[] encrypt(AesEnctype enctype, byte[] key, int usage, byte[] plaintext) {
        try {
            return handler(enctype).encrypt(plaintext, key, usage);
        } catch (KrbException e) {
            throw new IllegalStateException("Kerby cannot encrypt with " + enctype, e);
        }
    }

    @Override
    public byte[] decrypt(AesEnctype enctype, byte[] key, int usage, byte[] ciphertext) {
        try {
            return handler(enctype).decrypt(ciphertext, key, usage);
        } catch (KrbException e) {
            throw new IllegalArgumentException("decryption with " + enctype + " failed (wrong key or corrupt data)", e);
        }
    }

    @Override
    public byte[] randomKey(AesEnctype enctype) {
        byte[] key = new byte[enctype.keyLength()];
        RANDOM.nextBytes(key);
        return key;
    }

    @Override
    public boolean supports(AesEnctype enctype) {
        return enctype == AesEnctype.AES128_CTS_HMAC_SHA1_96 || enctype == AesEnctype.AES256_CTS_HMAC_SHA1_96;
    }

    private EncTypeHandler handler(AesEnctype enctype) throws KrbException {
        if (!supports(enctype)) {
            throw new UnsupportedOperationException("Kerby has no " + enctype.krb5Name()
                    + "; plug our own crypto into the forge with TicketForge.withCrypto");
        }
        return EncryptionHandler.getEncHandler(enctype.id());
    }
}
