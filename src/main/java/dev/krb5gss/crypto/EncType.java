package dev.krb5gss.crypto;

import java.util.Map;

/**
 * A Kerberos encryption type number (RFC 3961 §8, RFC 3962, RFC 8009, RFC 4757) as an open value:
 * unknown numbers are kept, so a message can say which enctype a peer sent.
 */
public final class EncType {
  public static final EncType DES_CBC_CRC = new EncType(1, "des-cbc-crc", true);
  public static final EncType DES_CBC_MD5 = new EncType(3, "des-cbc-md5", true);
  public static final EncType DES3_CBC_SHA1 = new EncType(16, "des3-cbc-sha1", true);
  public static final EncType AES128_CTS_HMAC_SHA1_96 =
      new EncType(17, "aes128-cts-hmac-sha1-96", false);
  public static final EncType AES256_CTS_HMAC_SHA1_96 =
      new EncType(18, "aes256-cts-hmac-sha1-96", false);
  public static final EncType AES128_CTS_HMAC_SHA256_128 =
      new EncType(19, "aes128-cts-hmac-sha256-128", false);
  public static final EncType AES256_CTS_HMAC_SHA384_192 =
      new EncType(20, "aes256-cts-hmac-sha384-192", false);
  public static final EncType RC4_HMAC = new EncType(23, "rc4-hmac", true);

  private static final Map<Integer, EncType> KNOWN = Map.of(
      1, DES_CBC_CRC, 3, DES_CBC_MD5, 16, DES3_CBC_SHA1,
      17, AES128_CTS_HMAC_SHA1_96, 18, AES256_CTS_HMAC_SHA1_96,
      19, AES128_CTS_HMAC_SHA256_128, 20, AES256_CTS_HMAC_SHA384_192, 23, RC4_HMAC);
  /** The same by number, sized by the largest known one: read twice per AP-REQ, no boxing. */
  private static final EncType[] BY_ID = byId();

  private final int id;
  private final String name;
  private final boolean weak;

  private EncType(int id, String name, boolean weak) {
    this.id = id;
    this.name = name;
    this.weak = weak;
  }

  private static EncType[] byId() {
    EncType[] table = new EncType[KNOWN.keySet().stream().mapToInt(Integer::intValue).max()
        .orElse(0) + 1];
    KNOWN.values().forEach(e -> table[e.id] = e);
    return table;
  }

  /** The enctype with this number; an unknown number gives an unknown value that keeps it. */
  public static EncType of(int id) {
    EncType known = id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    return known != null ? known : new EncType(id, "unknown-enctype-" + id, true);
  }

  /** The enctype with this MIT name (e.g. {@code aes256-cts-hmac-sha1-96}), or null. */
  public static EncType byName(String name) {
    for (EncType e : KNOWN.values()) {
      if (e.name.equalsIgnoreCase(name)) {
        return e;
      }
    }
    return null;
  }

  public int id() {
    return id;
  }

  /** The MIT-style name, e.g. {@code aes256-cts-hmac-sha1-96}. */
  public String mitName() {
    return name;
  }

  /** True for enctypes no one should use any more (des, des3, rc4) and unknown ones. */
  public boolean isWeak() {
    return weak;
  }

  public boolean isKnown() {
    return KNOWN.containsKey(id);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EncType && ((EncType) o).id == id;
  }

  @Override
  public int hashCode() {
    return id;
  }

  @Override
  public String toString() {
    return name + "(" + id + ")";
  }
}
