package dev.krb5gss.crypto;

/**
 * Which key a {@link CipherKey} derives and caches: a {@link Kind} and, for the kinds derived per
 * key usage (RFC 3961 §5.1 Ke/Ki/Kc, RFC 8009 §5, RFC 4757 §3 K1), the RFC 4120 §7.5.1 key
 * usage; 0 for the kinds that do not depend on one.
 *
 * <p>Looked up on every encrypt, decrypt and checksum, so {@link #of} hands out interned
 * instances for the usages Kerberos and GSS-API use (0 to {@value #INTERNED_USAGES} - 1): the hot
 * path allocates nothing. Other usages get a fresh, equal instance.
 */
record DerivedKeyId(Kind kind, int usage) {
  /** Usages below this get interned ids (RFC 4120 and RFC 4121 define usages 1 to 26). */
  static final int INTERNED_USAGES = 64;
  private static final DerivedKeyId[][] INTERNED = intern();

  /** The kinds of derived key. */
  enum Kind {
    /** Ke and Ki for one usage ({@link UsageKeys}). */
    USAGE_KEYS,
    /** Kc for one usage. */
    CHECKSUM,
    /** The protocol key itself as one JCA key, so the engines deriving from it are keyed once. */
    PROTOCOL,
    /** The key the PRF is keyed with (RFC 3962 §6 DK(key, "prf"); RFC 8009 §5 the key). */
    PRF,
    /** rc4-hmac K1 = HMAC-MD5(key, ms_usage) for one usage (RFC 4757 §3). */
    RC4_K1,
    /** rc4-hmac Ksign = HMAC-MD5(key, "signaturekey\0") (RFC 4757 §4). */
    RC4_KSIGN
  }

  /** The id for {@code kind} and {@code usage}; interned for usages in [0, 64). */
  static DerivedKeyId of(Kind kind, int usage) {
    return usage >= 0 && usage < INTERNED_USAGES ? INTERNED[kind.ordinal()][usage]
        : new DerivedKeyId(kind, usage);
  }

  /** The id of a kind that does not depend on a usage. */
  static DerivedKeyId of(Kind kind) {
    return INTERNED[kind.ordinal()][0];
  }

  private static DerivedKeyId[][] intern() {
    Kind[] kinds = Kind.values();
    DerivedKeyId[][] table = new DerivedKeyId[kinds.length][INTERNED_USAGES];
    for (Kind k : kinds) {
      for (int u = 0; u < INTERNED_USAGES; u++) {
        table[k.ordinal()][u] = new DerivedKeyId(k, u);
      }
    }
    return table;
  }
}
