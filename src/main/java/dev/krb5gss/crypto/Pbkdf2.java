package dev.krb5gss.crypto;

import javax.crypto.SecretKey;
import java.util.Arrays;
import javax.crypto.Mac;

/**
 * PBKDF2 (RFC 8018 §5.2) over raw pass-phrase bytes, as RFC 3962 §4 (HMAC-SHA1) and RFC 8009 §4
 * (HMAC-SHA-256/384) use it for string-to-key. Raw bytes rather than {@code char[]}, because
 * Kerberos pass phrases are octet strings.
 */
final class Pbkdf2 {
  private Pbkdf2() {}

  static byte[] derive(String hmac, byte[] password, byte[] salt, int iterations, int length) {
    // An empty HMAC key equals a one-zero-byte key (both are zero-padded); SecretKey needs one.
    WipeableKey key = WipeableKey.copyOf(password.length == 0 ? new byte[1] : password, hmac);
    try {
      Mac mac = Jce.mac(hmac, key);
      byte[] out = new byte[length];
      int hLen = mac.getMacLength();
      for (int block = 1, done = 0; done < length; block++, done += hLen) {
        byte[] t = block(mac, salt, iterations, block);
        System.arraycopy(t, 0, out, done, Math.min(hLen, length - done));
        Arrays.fill(t, (byte) 0);
      }
      return out;
    } finally {
      key.destroy(); // the pass phrase copy; the engine is re-keyed below
      Jce.scrubDestroyedKeys();
    }
  }

  private static byte[] block(Mac mac, byte[] salt, int iterations, int index) {
    mac.update(salt);
    mac.update(new byte[] {(byte) (index >>> 24), (byte) (index >>> 16), (byte) (index >>> 8),
        (byte) index});
    byte[] u = mac.doFinal();
    byte[] t = u.clone();
    for (int i = 1; i < iterations; i++) {
      u = mac.doFinal(u);
      for (int j = 0; j < t.length; j++) {
        t[j] ^= u[j];
      }
    }
    return t;
  }
}
