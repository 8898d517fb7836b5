package dev.krb5gss.crypto;

/**
 * MD4 (RFC 1320), needed only for the rc4-hmac string-to-key of RFC 4757 §2 (the JDK does not
 * offer MD4 through a public API). Never used for integrity.
 */
final class Md4 {
  private static final int[] S1 = {3, 7, 11, 19};
  private static final int[] S2 = {3, 5, 9, 13};
  private static final int[] S3 = {3, 9, 11, 15};
  private static final int[] R3 = {0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15};

  private Md4() {}

  static byte[] digest(byte[] message) {
    long bitLength = (long) message.length * 8;
    int padded = ((message.length + 8) / 64 + 1) * 64;
    byte[] m = new byte[padded];
    System.arraycopy(message, 0, m, 0, message.length);
    m[message.length] = (byte) 0x80;
    for (int i = 0; i < 8; i++) {
      m[padded - 8 + i] = (byte) (bitLength >>> (8 * i));
    }
    int[] h = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
    int[] x = new int[16];
    for (int block = 0; block < padded; block += 64) {
      for (int i = 0; i < 16; i++) {
        int p = block + 4 * i;
        x[i] = (m[p] & 0xff) | (m[p + 1] & 0xff) << 8 | (m[p + 2] & 0xff) << 16 | m[p + 3] << 24;
      }
      compress(h, x);
    }
    byte[] out = new byte[16];
    for (int i = 0; i < 16; i++) {
      out[i] = (byte) (h[i / 4] >>> (8 * (i % 4)));
    }
    return out;
  }

  private static void compress(int[] h, int[] x) {
    int[] v = h.clone();                      // a, b, c, d
    for (int i = 0; i < 16; i++) {            // round 1: F(b,c,d) = (b & c) | (~b & d)
      step(v, i, ((v[b(i)] & v[c(i)]) | (~v[b(i)] & v[d(i)])) + x[i], S1[i % 4]);
    }
    for (int i = 0; i < 16; i++) {            // round 2: G = majority, + 0x5a827999
      int k = (i % 4) * 4 + i / 4;
      int g = (v[b(i)] & v[c(i)]) | (v[b(i)] & v[d(i)]) | (v[c(i)] & v[d(i)]);
      step(v, i, g + x[k] + 0x5a827999, S2[i % 4]);
    }
    for (int i = 0; i < 16; i++) {            // round 3: H = parity, + 0x6ed9eba1
      step(v, i, (v[b(i)] ^ v[c(i)] ^ v[d(i)]) + x[R3[i]] + 0x6ed9eba1, S3[i % 4]);
    }
    for (int i = 0; i < 4; i++) {
      h[i] += v[i];
    }
  }

  /** One step: the register that rotates into position "a" for step i gets a + f, rotated. */
  private static void step(int[] v, int i, int f, int s) {
    int a = a(i);
    v[a] = Integer.rotateLeft(v[a] + f, s);
  }

  // Step i updates a, d, c, b in turn (RFC 1320 §3.4: [abcd], [dabc], [cdab], [bcda]).
  private static int a(int i) {
    return (4 - i % 4) % 4;
  }

  private static int b(int i) {
    return (a(i) + 1) % 4;
  }

  private static int c(int i) {
    return (a(i) + 2) % 4;
  }

  private static int d(int i) {
    return (a(i) + 3) % 4;
  }
}
