package dev.krb5gss.der;

import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import java.util.Arrays;

/**
 * Reads DER elements (X.690 §8.1, §10.1) from a byte range, strictly: one-octet identifiers,
 * definite lengths in minimal form, every length checked against the bytes that remain. A reader
 * never reads past its range; {@link #expectEnd()} rejects trailing bytes.
 */
public final class DerReader {
  /** Universal tags used by SPNEGO. */
  public static final int BIT_STRING = 0x03;
  public static final int OCTET_STRING = 0x04;
  public static final int OID = 0x06;
  public static final int ENUMERATED = 0x0a;
  public static final int GENERAL_STRING = 0x1b;
  public static final int SEQUENCE = 0x30;
  /** RFC 2743 §3.1 InitialContextToken: [APPLICATION 0] IMPLICIT SEQUENCE. */
  public static final int APPLICATION_0 = 0x60;

  private final byte[] data;
  private final String what;
  private int pos;
  private final int end;

  private DerReader(byte[] data, int from, int to, String what) {
    this.data = data;
    this.pos = from;
    this.end = to;
    this.what = what;
  }

  /** A reader over all of {@code data} (not copied: the caller must not change it meanwhile). */
  public static DerReader of(byte[] data, String what) {
    return new DerReader(data, 0, data.length, what);
  }

  /** A reader over {@code data[from, to)}. */
  public static DerReader of(byte[] data, int from, int to, String what) {
    if (from < 0 || to > data.length || from > to) {
      throw new IllegalArgumentException("range " + from + ".." + to + " outside " + data.length);
    }
    return new DerReader(data, from, to, what);
  }

  public boolean hasMore() {
    return pos < end;
  }

  public int remaining() {
    return end - pos;
  }

  /** The identifier octet of the next element, or -1 at the end. */
  public int peekTag() {
    return pos < end ? data[pos] & 0xff : -1;
  }

  /** The next element, which must have {@code tag}; returns a reader over its contents. */
  public DerReader read(int tag) throws RejectedException {
    int contentLength = header(tag);
    DerReader inner = new DerReader(data, pos, pos + contentLength, what);
    pos += contentLength;
    return inner;
  }

  /** The next element if it has {@code tag}, else null (nothing is consumed). */
  public DerReader readOptional(int tag) throws RejectedException {
    return peekTag() == tag ? read(tag) : null;
  }

  /** The whole next element, identifier and length included (e.g. to MIC its exact encoding). */
  public byte[] readEncoded(int tag) throws RejectedException {
    int start = pos;
    DerReader inner = read(tag);
    return Arrays.copyOfRange(data, start, inner.end);
  }

  /** The rest of this reader's range, copied. */
  public byte[] readRest() {
    byte[] rest = Arrays.copyOfRange(data, pos, end);
    pos = end;
    return rest;
  }

  /** An OCTET STRING's contents. */
  public byte[] readOctetString() throws RejectedException {
    return read(OCTET_STRING).readRest();
  }

  /** An OBJECT IDENTIFIER (X.690 §8.19). */
  public ObjectId readOid() throws RejectedException {
    return ObjectId.fromContents(read(OID).readRest(), what);
  }

  /** An ENUMERATED value (X.690 §8.4, §8.3) that fits in an int. */
  public int readEnumerated() throws RejectedException {
    byte[] v = read(ENUMERATED).readRest();
    if (v.length == 0 || v.length > 4
        || (v.length > 1 && (v[0] == 0 && v[1] >= 0 || v[0] == -1 && v[1] < 0))) {
      throw malformed("an ENUMERATED of 1-4 minimal octets", v.length + " octets");
    }
    int value = v[0];
    for (int i = 1; i < v.length; i++) {
      value = (value << 8) | (v[i] & 0xff);
    }
    return value;
  }

  /** Fails unless every byte of this reader's range was consumed. */
  public void expectEnd() throws RejectedException {
    if (pos != end) {
      throw malformed("end of " + what, (end - pos) + " trailing bytes");
    }
  }

  /** Reads the identifier and length; returns the content length, positioned at the contents. */
  private int header(int tag) throws RejectedException {
    if (pos >= end) {
      throw malformed(describe(tag), "end of data");
    }
    int actual = data[pos] & 0xff;
    if (actual != tag) {
      throw malformed(describe(tag), "tag 0x" + Integer.toHexString(actual));
    }
    pos++;
    int length = readLength();
    if (length > end - pos) {
      throw malformed("at most " + (end - pos) + " content bytes", "length " + length);
    }
    return length;
  }

  private int readLength() throws RejectedException {
    if (pos >= end) {
      throw malformed("a length octet", "end of data");
    }
    int first = data[pos++] & 0xff;
    if (first < 0x80) {
      return first;
    }
    int count = first & 0x7f;
    if (count == 0) {
      throw malformed("a definite length (DER)", "the indefinite form");
    }
    if (count > 3 || count > end - pos) {
      throw malformed("1-3 length octets within the data", count + " length octets");
    }
    int length = 0;
    for (int i = 0; i < count; i++) {
      length = (length << 8) | (data[pos++] & 0xff);
    }
    if (length < 0x80 || (count > 1 && length < (1 << (8 * (count - 1))))) {
      throw malformed("a minimal length encoding (DER)", count + " octets for length " + length);
    }
    return length;
  }

  private static String describe(int tag) {
    return "tag 0x" + Integer.toHexString(tag);
  }

  private RejectedException malformed(String expected, String got) {
    return new RejectedException(Reason.MALFORMED_TOKEN,
        what + ": expected " + expected + ", got " + got);
  }
}
