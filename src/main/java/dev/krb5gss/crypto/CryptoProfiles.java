package dev.krb5gss.crypto;

import java.util.Map;
import java.util.Optional;

/** The crypto profiles this library implements, by enctype (RFC 3961 §8 numbers). */
public final class CryptoProfiles {
  private static final Map<EncType, CryptoProfile> PROFILES = Map.of(
      EncType.AES128_CTS_HMAC_SHA1_96, new KerbyProfile(EncType.AES128_CTS_HMAC_SHA1_96),
      EncType.AES256_CTS_HMAC_SHA1_96, new KerbyProfile(EncType.AES256_CTS_HMAC_SHA1_96),
      EncType.RC4_HMAC, new KerbyProfile(EncType.RC4_HMAC));

  private CryptoProfiles() {}

  /** The profile for {@code encType}, if implemented (regardless of policy). */
  public static Optional<CryptoProfile> of(EncType encType) {
    return Optional.ofNullable(PROFILES.get(encType));
  }

  /** True if we can encrypt and decrypt with this enctype. */
  public static boolean isImplemented(EncType encType) {
    return PROFILES.containsKey(encType);
  }
}
