package dev.krb5gss.ap;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * A strict reader of the DER subset Kerberos uses (X.690 §8.1, §10.1; RFC 4120 §5.1): single-byte
 * tags, definite lengths of at most four octets, every length checked against what remains of the
 * enclosing element. Each nested element gets its own reader bounded by that element.
 */
final class DerReader {
  static final int INTEGER = 0x02;
  static final int BIT_STRING = 0x03;
  static final int OCTET_STRING = 0x04;
  static final int SEQUENCE = 0x30;
  static final int GENERALIZED_TIME = 0x18;
  static final int GENERAL_STRING = 0x1b;

  private final byte[] buf;
  private final int end;
  private int pos;

  DerReader(byte[] buf, int offset, int length) {
    this.buf = buf;
    this.pos = offset;
    this.end = offset + length;
  }

  static DerReader of(byte[] buf) {
    return new DerReader(buf, 0, buf.length);
  }

  boolean hasMore() {
    return pos < end;
  }

  /** True if the next element has this tag. */
  boolean nextIs(int tag) {
    return pos < end && (buf[pos] & 0xff) == tag;
  }

  /** The content of the next element, which must have {@code tag}; advances past it. */
  DerReader next(int tag, String what) throws DerException {
    int start = pos;
    int[] header = header(what);
    if (header[0] != tag) {
      pos = start;
      throw new DerException(what + ": expected tag 0x" + Integer.toHexString(tag) + ", got 0x"
          + Integer.toHexString(header[0]));
    }
    DerReader content = new DerReader(buf, pos, header[1]);
    pos += header[1];
    return content;
  }

  /** The whole next element (tag, length and content) as raw bytes; advances past it. */
  byte[] rawElement(String what) throws DerException {
    int start = pos;
    int[] header = header(what);
    pos += header[1];
    byte[] out = new byte[pos - start];
    System.arraycopy(buf, start, out, 0, out.length);
    return out;
  }

  /** The content of the explicitly tagged field {@code [n]} (context-specific, constructed). */
  DerReader field(int n, String what) throws DerException {
    return next(0xa0 | n, what);
  }

  /** Reads and checks the content of this reader is fully consumed. */
  void end(String what) throws DerException {
    if (pos != end) {
      throw new DerException(what + ": " + (end - pos) + " unexpected trailing bytes");
    }
  }

  /** An INTEGER of at most five content octets, as a long (covers Int32 and UInt32). */
  long integer(String what) throws DerException {
    DerReader c = next(INTEGER, what);
    int len = c.end - c.pos;
    if (len < 1 || len > 5) {
      throw new DerException(what + ": INTEGER of " + len + " octets");
    }
    long v = c.buf[c.pos]; // sign-extended
    for (int i = 1; i < len; i++) {
      v = (v << 8) | (c.buf[c.pos + i] & 0xff);
    }
    return v;
  }

  /** An Int32 (RFC 4120 §5.2.4). */
  int int32(String what) throws DerException {
    long v = integer(what);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new DerException(what + ": " + v + " is out of the Int32 range");
    }
    return (int) v;
  }

  /** A UInt32, also accepting the negative encodings some implementations emit, as 32 bits. */
  long uint32(String what) throws DerException {
    long v = integer(what);
    if (v < Integer.MIN_VALUE || v > 0xffffffffL) {
      throw new DerException(what + ": " + v + " is out of the UInt32 range");
    }
    return v & 0xffffffffL;
  }

  byte[] octets(String what) throws DerException {
    return next(OCTET_STRING, what).remaining();
  }

  /** A KerberosString (GeneralString restricted to IA5, RFC 4120 §5.2.1); UTF-8 tolerated. */
  String string(String what) throws DerException {
    return new String(next(GENERAL_STRING, what).remaining(), StandardCharsets.UTF_8);
  }

  /** A BIT STRING of at most 32 bits, as an int whose most significant bit is bit 0. */
  int bits32(String what) throws DerException {
    byte[] b = next(BIT_STRING, what).remaining();
    if (b.length < 1 || b.length > 5 || (b[0] & 0xff) > 7) {
      throw new DerException(what + ": malformed BIT STRING");
    }
    int v = 0;
    for (int i = 1; i < 5; i++) {
      v = (v << 8) | (i < b.length ? b[i] & 0xff : 0);
    }
    return v;
  }

  /** A KerberosTime: GeneralizedTime {@code YYYYMMDDHHMMSSZ} (RFC 4120 §5.2.3). */
  Instant time(String what) throws DerException {
    byte[] b = next(GENERALIZED_TIME, what).remaining();
    if (!isKerberosTime(b)) {
      throw new DerException(what + ": KerberosTime must be YYYYMMDDHHMMSSZ");
    }
    String s = new String(b, StandardCharsets.US_ASCII);
    try {
      return LocalDateTime.of(Integer.parseInt(s.substring(0, 4)),
          Integer.parseInt(s.substring(4, 6)), Integer.parseInt(s.substring(6, 8)),
          Integer.parseInt(s.substring(8, 10)), Integer.parseInt(s.substring(10, 12)),
          Integer.parseInt(s.substring(12, 14))).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      throw new DerException(what + ": invalid date in KerberosTime");
    }
  }

  private static boolean isKerberosTime(byte[] b) {
    if (b.length != 15 || b[14] != 'Z') {
      return false;
    }
    for (int i = 0; i < 14; i++) {
      if (b[i] < '0' || b[i] > '9') {
        return false;
      }
    }
    return true;
  }

  /** The rest of this reader's content. */
  byte[] remaining() {
    byte[] out = new byte[end - pos];
    System.arraycopy(buf, pos, out, 0, out.length);
    pos = end;
    return out;
  }

  /** Reads a tag and a length; returns {tag, length} with pos at the content. */
  private int[] header(String what) throws DerException {
    if (end - pos < 2) {
      throw new DerException(what + ": truncated, " + (end - pos) + " bytes left for a header");
    }
    int tag = buf[pos++] & 0xff;
    if ((tag & 0x1f) == 0x1f) {
      throw new DerException(what + ": multi-byte tags are not used by Kerberos");
    }
    int first = buf[pos++] & 0xff;
    long len;
    if (first < 0x80) {
      len = first;
    } else {
      int n = first & 0x7f;
      if (n == 0) {
        throw new DerException(what + ": indefinite length is not DER");
      }
      if (n > 4 || end - pos < n) {
        throw new DerException(what + ": bad length of " + n + " octets");
      }
      len = 0;
      for (int i = 0; i < n; i++) {
        len = (len << 8) | (buf[pos++] & 0xff);
      }
    }
    if (len > end - pos) {
      throw new DerException(what + ": length " + len + " runs past the end ("
          + (end - pos) + " bytes remain)");
    }
    return new int[] {tag, (int) len};
  }
}
