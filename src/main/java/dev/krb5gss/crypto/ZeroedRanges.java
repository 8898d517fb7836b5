package dev.krb5gss.crypto;

import java.util.Objects;
import javax.crypto.Mac;

/** The two ranges {@link CryptoProfile#checksumZeroing} reads as zeros: checked, and fed to a MAC. */
final class ZeroedRanges {
  private static final byte[] ZEROS = new byte[64];

  private ZeroedRanges() {}

  static void check(int offset, int length, int from1, int to1, int from2, int to2) {
    int end = offset + length;
    if (from1 < offset || to1 < from1 || to1 > end || from2 < offset || to2 < from2 || to2 > end
        || (from1 < to1 && from2 < to2 && from1 < to2 && from2 < to1)) {
      throw new IllegalArgumentException("zeroed ranges [" + from1 + ", " + to1 + ") and ["
          + from2 + ", " + to2 + ") must lie within [" + offset + ", " + end
          + ") without overlapping");
    }
  }

  /** Feeds {@code data[offset, offset + length)} to {@code mac}, the two ranges as zeros. */
  static void update(Mac mac, byte[] data, int offset, int length, int from1, int to1, int from2,
      int to2) {
    check(offset, length, from1, to1, from2, to2);
    Objects.checkFromIndexSize(offset, length, data.length);
    if (from1 == to1) { // an empty range zeroes nothing: make it range 2
      from1 = from2;
      to1 = to2;
      from2 = to2 = offset;
    }
    if (from2 == to2) { // nothing to zero there: an empty range right after range 1
      if (from1 == to1) {
        from1 = to1 = offset;
      }
      from2 = to2 = to1;
    } else if (from2 < from1) {
      int f = from1;
      int t = to1;
      from1 = from2;
      to1 = to2;
      from2 = f;
      to2 = t;
    }
    mac.update(data, offset, from1 - offset);
    zeros(mac, to1 - from1);
    mac.update(data, to1, from2 - to1);
    zeros(mac, to2 - from2);
    mac.update(data, to2, offset + length - to2);
  }

  private static void zeros(Mac mac, int n) {
    for (int left = n; left > 0; left -= ZEROS.length) {
      mac.update(ZEROS, 0, Math.min(left, ZEROS.length));
    }
  }
}
