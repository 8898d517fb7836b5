package dev.krb5gss.der;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Encodes DER elements (X.690 §8.1, §10.1): definite lengths in minimal form, minimal INTEGERs.
 * Static helpers that build a tag-length-value from already encoded contents, plus the Kerberos
 * types of RFC 4120 §5.2 (KerberosString, KerberosTime).
 */
public final class DerWriter {
  /** The largest content length either writer encodes (three length octets). */
  static final int MAX_LENGTH = 0xffffff;

  private DerWriter() {}

  /** {@code tag || length || contents...}. */
  public static byte[] element(int tag, byte[]... contents) {
    int total = 0;
    for (byte[] c : contents) {
      total += c.length;
    }
    if (total > MAX_LENGTH) {
      throw new IllegalArgumentException("an element of " + total + " bytes is too large");
    }
    int lengthOctets = total < 0x80 ? 0 : total < 0x100 ? 1 : total < 0x10000 ? 2 : 3;
    byte[] out = new byte[2 + lengthOctets + total];
    out[0] = (byte) tag;
    int p = 1;
    if (lengthOctets == 0) {
      out[p++] = (byte) total;
    } else {
      out[p++] = (byte) (0x80 | lengthOctets);
      for (int i = lengthOctets - 1; i >= 0; i--) {
        out[p++] = (byte) (total >>> (8 * i));
      }
    }
    for (byte[] c : contents) {
      System.arraycopy(c, 0, out, p, c.length);
      p += c.length;
    }
    return out;
  }

  /** An explicit context tag {@code [n]} (constructed, 0xa0 + n) around one encoded element. */
  public static byte[] explicit(int n, byte[] encoded) {
    if (n < 0 || n > 30) {
      throw new IllegalArgumentException("context tag " + n + " needs the long form");
    }
    return element(0xa0 + n, encoded);
  }

  /** {@code [APPLICATION n] SEQUENCE {...}}, as Kerberos messages are tagged (RFC 4120 §5). */
  public static byte[] application(int n, byte[]... fields) {
    if (n < 0 || n > 30) {
      throw new IllegalArgumentException("application tag " + n + " needs the long form");
    }
    return element(0x60 | n, sequence(fields));
  }

  public static byte[] sequence(byte[]... elements) {
    return element(DerReader.SEQUENCE, elements);
  }

  /** A minimal two's-complement INTEGER (X.690 §8.3). */
  public static byte[] integer(long v) {
    return new DerBackWriter(10).integer(v).toByteArray();
  }

  public static byte[] octetString(byte[] value) {
    return element(DerReader.OCTET_STRING, value);
  }

  /** A KerberosString (RFC 4120 §5.2.1). */
  public static byte[] generalString(String s) {
    return element(DerReader.GENERAL_STRING, s.getBytes(StandardCharsets.UTF_8));
  }

  /** A KerberosTime {@code YYYYMMDDHHMMSSZ} (RFC 4120 §5.2.3); fractions are dropped. */
  public static byte[] kerberosTime(Instant t) {
    return new DerBackWriter(17).kerberosTime(t).toByteArray();
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

}
