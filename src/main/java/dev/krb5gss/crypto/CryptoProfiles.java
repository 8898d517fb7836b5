package dev.krb5gss.crypto;

import java.util.Map;
import java.util.Optional;

/**
 * The crypto profiles this library implements on javax.crypto, by enctype (RFC 3961 §8 numbers):
 * 17/18 (RFC 3962), 19/20 (RFC 8009) and 23 (RFC 4757). des and des3 are not implemented:
 * they are weak, RFC 8429 deprecates them and MIT krb5 1.18 removed them.
 */
public final class CryptoProfiles {
  private static final Map<EncType, CryptoProfile> PROFILES = Map.of(
      EncType.AES128_CTS_HMAC_SHA1_96, AesSha1Profile.aes128(),
      EncType.AES256_CTS_HMAC_SHA1_96, AesSha1Profile.aes256(),
      EncType.AES128_CTS_HMAC_SHA256_128, AesSha2Profile.aes128(),
      EncType.AES256_CTS_HMAC_SHA384_192, AesSha2Profile.aes256(),
      EncType.RC4_HMAC, new Rc4HmacProfile());

  /** The same, each in the Optional {@link #of} returns (asked for on every accept). */
  private static final Map<EncType, Optional<CryptoProfile>> FOUND = PROFILES.entrySet().stream()
      .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey,
          e -> Optional.of(e.getValue())));

  private CryptoProfiles() {}

  /** The profile for {@code encType}, if implemented (regardless of policy). */
  public static Optional<CryptoProfile> of(EncType encType) {
    return FOUND.getOrDefault(encType, Optional.empty());
  }

  /** True if we can encrypt and decrypt with this enctype. */
  public static boolean isImplemented(EncType encType) {
    return PROFILES.containsKey(encType);
  }
}
