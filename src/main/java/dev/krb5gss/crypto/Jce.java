package dev.krb5gss.crypto;

import dev.krb5gss.error.InternalFaultException;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Per-thread javax.crypto engines: {@code Cipher.getInstance}/{@code Mac.getInstance} and
 * {@code init} (the AES key schedule, the HMAC pads) cost more than the work for a small message,
 * so each thread keeps four engines per algorithm (and per direction for AES), two for a
 * service's long-term keys and two for the others, and re-keys one only when neither of its pair
 * holds the key asked for (a finished {@code doFinal} leaves an engine as it was
 * after {@code init}: same key, same IV). Keys are matched by identity: the derived keys cached
 * in a {@link CipherKey}. Engines never leave the calling thread.
 *
 * <p>Destroyed keys: an engine never serves a destroyed {@link WipeableKey} (a match needs the key
 * alive), and {@link #scrubDestroyedKeys()} (run by {@link CipherKey#destroy()}) makes this
 * thread's engines forget destroyed keys and re-keys its HMAC engines that held one with a public
 * dummy key (about 50 ns each), so their pads no longer derive from it. The AES engines are not
 * re-keyed there (about 1 µs each, measured; a context's dispose would pay it on every request):
 * their key schedule stays until the engine is next keyed, which on an accepting thread is its
 * next accept. Engines of other threads keep such a schedule until they are next keyed: a JCE
 * engine cannot be reached or cleared from another thread.
 */
final class Jce {
  private static final IvParameterSpec ZERO_IV = new IvParameterSpec(new byte[16]);
  /** A public key to re-key engines with, so they stop holding a destroyed key's schedule. */
  private static final byte[] DUMMY = new byte[16];
  private static final SecretKey DUMMY_RC4 = new SecretKeySpec(DUMMY, "ARCFOUR");
  /** The keyed engines this thread has created, for {@link #scrubDestroyedKeys()}. */
  private static final ThreadLocal<java.util.List<Keyed<?>>> CREATED =
      ThreadLocal.withInitial(java.util.ArrayList::new);
  private static final ThreadLocal<Keyed<Cipher>> CBC_ENCRYPT = keyedCipher("AES/CBC/NoPadding");
  private static final ThreadLocal<Keyed<Cipher>> CBC_DECRYPT = keyedCipher("AES/CBC/NoPadding");
  private static final ThreadLocal<Keyed<Cipher>> ECB_ENCRYPT = keyedCipher("AES/ECB/NoPadding");
  private static final ThreadLocal<Cipher> RC4 = cipher("ARCFOUR");
  private static final ThreadLocal<Keyed<Mac>> HMAC_SHA1 = mac("HmacSHA1");
  private static final ThreadLocal<Keyed<Mac>> HMAC_SHA256 = mac("HmacSHA256");
  private static final ThreadLocal<Keyed<Mac>> HMAC_SHA384 = mac("HmacSHA384");
  private static final ThreadLocal<Keyed<Mac>> HMAC_MD5 = mac("HmacMD5");

  private Jce() {}

  /** This thread's AES-CBC engine ready to encrypt under {@code key} with a zero IV. */
  static Cipher cbcEncrypt(SecretKey key) throws GeneralSecurityException {
    return CBC_ENCRYPT.get().cipher(key, Cipher.ENCRYPT_MODE, ZERO_IV);
  }

  /**
   * This thread's AES-CBC engine ready to decrypt under {@code key} with a zero IV (a one-block
   * {@code doFinal} on it is a raw AES block decryption).
   */
  static Cipher cbcDecrypt(SecretKey key) throws GeneralSecurityException {
    return CBC_DECRYPT.get().cipher(key, Cipher.DECRYPT_MODE, ZERO_IV);
  }

  /** This thread's AES-ECB engine ready to encrypt under {@code key}. */
  static Cipher ecbEncrypt(SecretKey key) throws GeneralSecurityException {
    return ECB_ENCRYPT.get().cipher(key, Cipher.ENCRYPT_MODE, null);
  }

  /** After a failure mid-operation: the AES engines may hold partial state, so re-key them. */
  static void forgetAesKeys() {
    CBC_ENCRYPT.get().forget();
    CBC_DECRYPT.get().forget();
    ECB_ENCRYPT.get().forget();
  }

  static Cipher rc4() {
    return RC4.get();
  }

  /**
   * Re-keys this thread's RC4 engine with a public dummy key: the SunJCE ARCFOUR engine keeps the
   * last key (and its state) after {@code doFinal}, and rc4-hmac keys it per message with a
   * per-message secret (RFC 4757 K3, the sequence-number key).
   */
  static void scrubRc4() {
    try {
      RC4.get().init(Cipher.ENCRYPT_MODE, DUMMY_RC4);
    } catch (GeneralSecurityException e) {
      throw new InternalFaultException("RC4 refused a key", e);
    }
  }

  /**
   * Re-keys, with a public dummy key, every engine of this thread whose key was destroyed (see
   * the class comment); engines of other threads are out of reach.
   */
  static void scrubDestroyedKeys() {
    for (Keyed<?> keyed : CREATED.get()) {
      keyed.scrubDestroyed();
    }
  }

  /** The per-thread Mac for {@code algorithm}, keyed with {@code key} and reset. */
  static Mac mac(String algorithm, SecretKey key) {
    try {
      return macFor(algorithm).mac(key);
    } catch (GeneralSecurityException e) {
      throw new InternalFaultException(algorithm + " refused a key", e);
    }
  }

  /** HMAC of {@code data} with raw key bytes (for key derivation, not per message). */
  static byte[] hmac(String algorithm, byte[] key, byte[]... data) {
    WipeableKey k = WipeableKey.copyOf(key, algorithm);
    try {
      Mac mac = mac(algorithm, k);
      for (byte[] d : data) {
        mac.update(d);
      }
      return mac.doFinal();
    } finally {
      k.destroy();
      macFor(algorithm).scrubDestroyed();
    }
  }

  static byte[] random(int length) {
    return SecureRandoms.bytes(length);
  }

  private static Keyed<Mac> macFor(String algorithm) {
    switch (algorithm) {
      case "HmacSHA1": return HMAC_SHA1.get();
      case "HmacSHA256": return HMAC_SHA256.get();
      case "HmacSHA384": return HMAC_SHA384.get();
      case "HmacMD5": return HMAC_MD5.get();
      default: throw new InternalFaultException("no HMAC engine for " + algorithm);
    }
  }

  private static ThreadLocal<Cipher> cipher(String transformation) {
    return ThreadLocal.withInitial(() -> {
      try {
        return Cipher.getInstance(transformation);
      } catch (GeneralSecurityException e) {
        throw new InternalFaultException("the JDK lacks " + transformation, e);
      }
    });
  }

  private static ThreadLocal<Keyed<Mac>> mac(String algorithm) {
    SecretKey dummy = new ZeroKey(algorithm);
    return ThreadLocal.withInitial(
        () -> created(new Keyed<>(() -> newMac(algorithm), m -> m.init(dummy))));
  }

  private static ThreadLocal<Keyed<Cipher>> keyedCipher(String transformation) {
    // AES engines are not re-keyed by a scrub (see the class comment): they only forget the key.
    return ThreadLocal.withInitial(() -> created(new Keyed<>(() -> newCipher(transformation),
        null)));
  }

  private static Mac newMac(String algorithm) {
    try {
      return Mac.getInstance(algorithm);
    } catch (GeneralSecurityException e) {
      throw new InternalFaultException("the JDK lacks " + algorithm, e);
    }
  }

  private static Cipher newCipher(String transformation) {
    try {
      return Cipher.getInstance(transformation);
    } catch (GeneralSecurityException e) {
      throw new InternalFaultException("the JDK lacks " + transformation, e);
    }
  }

  private static <T> Keyed<T> created(Keyed<T> keyed) {
    CREATED.get().add(keyed);
    return keyed;
  }

  /**
   * The public dummy key for HMAC engines: sixteen zero bytes, handed out as one shared array
   * (a {@code SecretKeySpec} copies its bytes for every {@code init}, and every accept re-keys two
   * engines). Engines read the bytes and zero them after keying, which leaves them as they are.
   */
  private static final class ZeroKey implements SecretKey {
    private static final long serialVersionUID = 1L;
    private static final byte[] ZEROS = new byte[16];
    private final String algorithm;

    ZeroKey(String algorithm) {
      this.algorithm = algorithm;
    }

    @Override
    public String getAlgorithm() {
      return algorithm;
    }

    @Override
    public String getFormat() {
      return "RAW";
    }

    @Override
    public byte[] getEncoded() {
      return ZEROS;
    }
  }

  /** How to re-key an engine with the public dummy key (null: the engine only forgets the key). */
  @FunctionalInterface
  private interface Scrub<T> {
    void rekey(T engine) throws GeneralSecurityException;
  }

  /**
   * Four engines: two for long-term keys (a service's keys: {@link WipeableKey#longTerm()}, used
   * by every accept) and two for the others (a context's session key and subkeys, used a few
   * times), each pair most recently used first, with the key (by identity) each engine was last
   * initialised with, or null. One pair for all keys re-keyed an engine with the service key on
   * every accept: a ticket's Ki, the PAC checksum key Kc and the context's two Ki cycled through
   * two HMAC engines, so each accept re-computed the service key's pads twice.
   */
  private static final class Keyed<T> {
    private final Pair<T> shortTerm;
    private final Pair<T> longTerm;

    Keyed(java.util.function.Supplier<T> engines, Scrub<T> scrub) {
      this.shortTerm = new Pair<>(engines.get(), engines.get(), scrub);
      this.longTerm = new Pair<>(engines.get(), engines.get(), scrub);
    }

    private Pair<T> pairFor(SecretKey k) {
      return k instanceof WipeableKey && ((WipeableKey) k).longTerm() ? longTerm : shortTerm;
    }

    void scrubDestroyed() {
      shortTerm.scrubDestroyed();
      longTerm.scrubDestroyed();
    }

    Cipher cipher(SecretKey k, int mode, IvParameterSpec iv) throws GeneralSecurityException {
      return pairFor(k).cipher(k, mode, iv);
    }

    Mac mac(SecretKey k) throws GeneralSecurityException {
      return pairFor(k).mac(k);
    }

    void forget() {
      shortTerm.forget();
      longTerm.forget();
    }
  }

  /** Two engines and the key (by identity) each was last initialised with; most recent first. */
  private static final class Pair<T> {
    private final Scrub<T> scrub;
    private T recent;
    private T older;
    private SecretKey recentKey;
    private SecretKey olderKey;

    Pair(T first, T second, Scrub<T> scrub) {
      this.recent = first;
      this.older = second;
      this.scrub = scrub;
    }

    /** Forgets each destroyed key, re-keying its engine with the dummy key where it can. */
    void scrubDestroyed() {
      try {
        if (recentKey != null && recentKey.isDestroyed()) {
          if (scrub != null) {
            scrub.rekey(recent);
          }
          recentKey = null;
        }
        if (olderKey != null && olderKey.isDestroyed()) {
          if (scrub != null) {
            scrub.rekey(older);
          }
          olderKey = null;
        }
      } catch (GeneralSecurityException e) {
        throw new InternalFaultException("an engine refused the dummy key", e);
      }
    }

    Cipher cipher(SecretKey k, int mode, IvParameterSpec iv) throws GeneralSecurityException {
      if (!select(k)) {
        Cipher c = (Cipher) recent;
        if (iv == null) {
          c.init(mode, k);
        } else {
          c.init(mode, k, iv);
        }
        recentKey = k;
      }
      return (Cipher) recent;
    }

    Mac mac(SecretKey k) throws GeneralSecurityException {
      boolean keyed = select(k);
      Mac m = (Mac) recent;
      if (keyed) {
        m.reset();
      } else {
        m.init(k);
        recentKey = k;
      }
      return m;
    }

    /**
     * Moves the engine keyed with {@code k} to the front and returns true, or moves the least
     * recently used engine to the front, unkeyed, and returns false.
     */
    private boolean select(SecretKey k) {
      if (recentKey == k && !k.isDestroyed()) {
        return true;
      }
      T engine = older;
      SecretKey key = olderKey;
      older = recent;
      olderKey = recentKey;
      recent = engine;
      boolean keyed = key == k && !k.isDestroyed();
      recentKey = keyed ? k : null;
      return keyed;
    }

    void forget() {
      recentKey = null;
      olderKey = null;
    }
  }
}
