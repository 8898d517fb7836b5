package dev.krb5gss.crypto;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which enctypes the acceptor accepts for tickets and session keys, in preference order. The
 * default is {aes256-cts-hmac-sha384-192, aes128-cts-hmac-sha256-128, aes256-cts-hmac-sha1-96,
 * aes128-cts-hmac-sha1-96} (RFC 8009, RFC 3962); rc4-hmac (RFC 4757) must be enabled explicitly;
 * des and des3 (RFC 8429 deprecates them) cannot be enabled.
 */
public final class EnctypePolicy {
  private static final EnctypePolicy DEFAULT = new EnctypePolicy(List.of(
      EncType.AES256_CTS_HMAC_SHA384_192, EncType.AES128_CTS_HMAC_SHA256_128,
      EncType.AES256_CTS_HMAC_SHA1_96, EncType.AES128_CTS_HMAC_SHA1_96));

  /**
   * The fix for an rc4 refusal, for every route: the AD-side fix first (AES keys for the service
   * account: msDS-SupportedEncryptionTypes, MS-KILE §2.2.7, then a new password so the KDC
   * derives the AES keys, then a new keytab), else the switch of the route in use.
   */
  static final String RC4_FIX = "rc4-hmac is off by default (RFC 8429 deprecates it). Fix it on "
      + "the KDC: give the service account AES keys (Active Directory: set "
      + "msDS-SupportedEncryptionTypes to 24 (aes128+aes256) or 28 (with rc4) on the account, "
      + "then reset its password and re-export the keytab; MIT: cpw -e aes256-cts-hmac-sha1-96 "
      + "and ktadd). If you must accept rc4 meanwhile: Tomcat valve or Jetty authenticator "
      + "attribute allowRc4=\"true\"; JAAS KeytabLoginModule option allowRc4=true; in code "
      + "Acceptor.builder().enctypes(EnctypePolicy.defaultsWithRc4()); provider route without "
      + "the login module: krb5.conf [libdefaults] allow_weak_crypto = true";

  private final List<EncType> permitted;

  private EnctypePolicy(List<EncType> permitted) {
    this.permitted = List.copyOf(permitted);
  }

  /** {20, 19, 18, 17}. */
  public static EnctypePolicy defaults() {
    return DEFAULT;
  }

  /**
   * The default set plus rc4-hmac (23), for accounts that still have only rc4 keys.
   *
   * <p>Besides its weak keys (an unsalted MD4 of the password, RFC 8429), an rc4 context has a
   * per-message weakness of RFC 4757 §7 itself: in MIC tokens and unsealed Wrap tokens the
   * encrypted SND_SEQ (sequence number and direction bytes) is not covered by the checksum, and
   * RC4 is a stream cipher, so an attacker can flip bits of the sequence number and direction
   * undetected. Replay and sequence detection (and the direction check against reflection) are
   * therefore not reliable for such tokens; sealed Wrap tokens are not affected (their data key
   * depends on the sequence number). Prefer AES keys on the account; enable rc4 only for
   * clients that cannot do better.
   */
  public static EnctypePolicy defaultsWithRc4() {
    List<EncType> list = new ArrayList<>(DEFAULT.permitted);
    list.add(EncType.RC4_HMAC);
    return new EnctypePolicy(list);
  }

  /**
   * Exactly these enctypes, in this preference order.
   *
   * @throws IllegalArgumentException for des/des3/unknown enctypes, or an empty list
   */
  public static EnctypePolicy of(EncType... encTypes) {
    Set<EncType> set = new LinkedHashSet<>(List.of(encTypes));
    if (set.isEmpty()) {
      throw new IllegalArgumentException("an enctype policy needs at least one enctype");
    }
    for (EncType e : set) {
      if (!e.isKnown() || (e.isWeak() && !e.equals(EncType.RC4_HMAC))) {
        throw new IllegalArgumentException(e + " is not permitted: des and des3 are weak and "
            + "unsupported; use aes256-cts-hmac-sha384-192 or aes256-cts-hmac-sha1-96");
      }
    }
    return new EnctypePolicy(new ArrayList<>(set));
  }

  public boolean permits(EncType encType) {
    return permitted.contains(encType);
  }

  /** The permitted enctypes, most preferred first. */
  public List<EncType> permitted() {
    return Collections.unmodifiableList(permitted);
  }

  /** Why {@code encType} is refused, for messages. */
  public String refusal(EncType encType) {
    String why = encType.equals(EncType.RC4_HMAC)
        ? RC4_FIX
        : encType.isWeak() ? encType.mitName() + " is weak and not supported"
        : encType.mitName() + " is not in the enctype policy";
    return why + " (permitted: " + names() + ")";
  }

  private String names() {
    List<String> names = new ArrayList<>();
    for (EncType e : permitted) {
      names.add(e.mitName());
    }
    return String.join(", ", names);
  }

  @Override
  public String toString() {
    return "EnctypePolicy" + names();
  }
}
