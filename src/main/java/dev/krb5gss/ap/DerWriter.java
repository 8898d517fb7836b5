package dev.krb5gss.ap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** DER encoding of the few types our outgoing Kerberos messages use (X.690 §10, RFC 4120 §5). */
final class DerWriter {
  private static final DateTimeFormatter KERBEROS_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

  private DerWriter() {}

  static byte[] tlv(int tag, byte[]... parts) {
    int len = 0;
    for (byte[] p : parts) {
      len += p.length;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(len + 6);
    out.write(tag);
    writeLength(out, len);
    for (byte[] p : parts) {
      out.write(p, 0, p.length);
    }
    return out.toByteArray();
  }

  static void writeLength(ByteArrayOutputStream out, int len) {
    if (len < 0x80) {
      out.write(len);
    } else if (len < 0x100) {
      out.write(0x81);
      out.write(len);
    } else if (len < 0x10000) {
      out.write(0x82);
      out.write(len >> 8);
      out.write(len);
    } else {
      out.write(0x84);
      out.write(len >>> 24);
      out.write(len >> 16);
      out.write(len >> 8);
      out.write(len);
    }
  }

  static byte[] sequence(byte[]... fields) {
    return tlv(DerReader.SEQUENCE, fields);
  }

  /** {@code [APPLICATION n] SEQUENCE {...}}. */
  static byte[] application(int n, byte[]... fields) {
    return tlv(0x60 | n, sequence(fields));
  }

  /** Explicit context tag {@code [n]}. */
  static byte[] field(int n, byte[] element) {
    return tlv(0xa0 | n, element);
  }

  static byte[] integer(long v) {
    int n = 1;
    while (n < 8 && (v >> (8 * n - 1)) != 0 && (v >> (8 * n - 1)) != -1) {
      n++;
    }
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[n - 1 - i] = (byte) (v >> (8 * i));
    }
    return tlv(DerReader.INTEGER, b);
  }

  static byte[] octets(byte[] b) {
    return tlv(DerReader.OCTET_STRING, b);
  }

  static byte[] string(String s) {
    return tlv(DerReader.GENERAL_STRING, s.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] time(Instant t) {
    return tlv(DerReader.GENERALIZED_TIME,
        KERBEROS_TIME.format(t).getBytes(StandardCharsets.US_ASCII));
  }
}
