package dev.krb5gss.testkit;

/** A {@link ForgeCrypto} that uses {@code first} for the enctypes it supports and {@code second} otherwise. */
final class FallbackForgeCrypto implements ForgeCrypto {
    private final ForgeCrypto first;
    private final ForgeCrypto second;

    FallbackForgeCrypto(ForgeCrypto first, ForgeCrypto second) {
        this.first = first;
        this.second = second;
    }

    private ForgeCrypto pick(AesEnctype enctype) {
        return first.supports(enctype) ? first : second;
    }

    @Override
    public byte[] encrypt(AesEnctype enctype, byte[] key, int usage, byte[] plaintext) {
        return pick(enctype).encrypt(enctype, key, usage, plaintext);
    }

    @Override
    public byte[] decrypt(AesEnctype enctype, byte[] key, int usage, byte[] ciphertext) {
        return pick(enctype).decrypt(enctype, key, usage, ciphertext);
    }

    @Override
    public byte[] randomKey(AesEnctype enctype) {
        return pick(enctype).randomKey(enctype);
    }

    @Override
    public boolean supports(AesEnctype enctype) {
        return first.supports(enctype) || second.supports(enctype);
    }
}
