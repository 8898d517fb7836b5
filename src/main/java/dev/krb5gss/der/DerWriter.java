package dev.krb5gss.der;

import java.io.ByteArrayOutputStream;

/**
 * Encodes DER elements (X.690 §8.1, §10.1): definite lengths in minimal form. Static helpers that
 * build a tag-length-value from already encoded contents.
 */
public final class DerWriter {
  private DerWriter() {}

  /** {@code tag || length || contents...}. */
  public static byte[] element(int tag, byte[]... contents) {
    int total = 0;
    for (byte[] c : contents) {
      total += c.length;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(total + 6);
    out.write(tag);
    writeLength(out, total);
    for (byte[] c : contents) {
      out.writeBytes(c);
    }
    return out.toByteArray();
  }

  /** An explicit context tag {@code [n]} (constructed, 0xa0 + n) around one encoded element. */
  public static byte[] explicit(int n, byte[] encoded) {
    if (n < 0 || n > 30) {
      throw new IllegalArgumentException("context tag " + n + " needs the long form");
    }
    return element(0xa0 + n, encoded);
  }

  public static byte[] octetString(byte[] value) {
    return element(DerReader.OCTET_STRING, value);
  }

  public static byte[] oid(ObjectId oid) {
    return element(DerReader.OID, oid.contents());
  }

  /** A small non-negative ENUMERATED (0..127), as SPNEGO's negState. */
  public static byte[] enumerated(int value) {
    if (value < 0 || value > 127) {
      throw new IllegalArgumentException("enumerated " + value + " out of the one-octet range");
    }
    return element(DerReader.ENUMERATED, new byte[] {(byte) value});
  }

  public static byte[] sequence(byte[]... elements) {
    return element(DerReader.SEQUENCE, elements);
  }

  private static void writeLength(ByteArrayOutputStream out, int length) {
    if (length < 0x80) {
      out.write(length);
    } else if (length < 0x100) {
      out.write(0x81);
      out.write(length);
    } else if (length < 0x10000) {
      out.write(0x82);
      out.write(length >> 8);
      out.write(length);
    } else {
      out.write(0x83);
      out.write(length >> 16);
      out.write(length >> 8);
      out.write(length);
    }
  }
}
