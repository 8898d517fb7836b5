package dev.krb5gss.crypto;

/**
 * The n-fold function of RFC 3961 §5.1: the input is repeated, each copy rotated 13 bits further
 * right, to the least common multiple of the input and output sizes, and the output-sized chunks
 * are added with end-around carry (ones' complement addition).
 */
final class NFold {
  private NFold() {}

  static byte[] fold(byte[] in, int outBytes) {
    int inBits = in.length * 8;
    int lcmBytes = lcm(in.length, outBytes);
    byte[] stretched = new byte[lcmBytes];
    for (int copy = 0; copy * in.length < lcmBytes; copy++) {
      byte[] rotated = rotateRight(in, (13 * copy) % inBits);
      System.arraycopy(rotated, 0, stretched, copy * in.length, in.length);
    }
    int[] sum = new int[outBytes];
    for (int chunk = 0; chunk < lcmBytes; chunk += outBytes) {
      for (int i = 0; i < outBytes; i++) {
        sum[i] += stretched[chunk + i] & 0xff;
      }
    }
    return carryAround(sum);
  }

  /** Propagates carries from the least significant (last) byte, wrapping into the last byte. */
  private static byte[] carryAround(int[] sum) {
    boolean carried = true;
    while (carried) {
      carried = false;
      int carry = 0;
      for (int i = sum.length - 1; i >= 0; i--) {
        int v = sum[i] + carry;
        sum[i] = v & 0xff;
        carry = v >>> 8;
      }
      if (carry != 0) {
        sum[sum.length - 1] += carry;
        carried = true;
      }
    }
    byte[] out = new byte[sum.length];
    for (int i = 0; i < sum.length; i++) {
      out[i] = (byte) sum[i];
    }
    return out;
  }

  private static byte[] rotateRight(byte[] in, int bits) {
    int n = in.length * 8;
    byte[] out = new byte[in.length];
    for (int i = 0; i < n; i++) {
      int src = Math.floorMod(i - bits, n);
      if ((in[src >>> 3] & (0x80 >>> (src & 7))) != 0) {
        out[i >>> 3] |= (byte) (0x80 >>> (i & 7));
      }
    }
    return out;
  }

  private static int lcm(int a, int b) {
    int x = a;
    int y = b;
    while (y != 0) {
      int t = x % y;
      x = y;
      y = t;
    }
    return a / x * b;
  }
}
