package dev.krb5gss.der;

import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Reads DER elements (X.690 §8.1, §10.1) from a byte range, strictly: one-octet identifiers,
 * definite lengths in minimal form of at most three octets, every length checked against the
 * bytes that remain of the enclosing element, minimal INTEGER contents. A reader never reads past
 * its range; {@link #expectEnd()} rejects trailing bytes. Also reads the Kerberos types of RFC 4120
 * §5.2 (Int32, UInt32, KerberosString, KerberosTime, flag BIT STRINGs). Malformed input is a
 * {@link RejectedException} with {@link Reason#MALFORMED_TOKEN} whose message names the element.
 */
public final class DerReader {
  public static final int INTEGER = 0x02;
  public static final int BIT_STRING = 0x03;
  public static final int OCTET_STRING = 0x04;
  public static final int OID = 0x06;
  public static final int ENUMERATED = 0x0a;
  public static final int GENERALIZED_TIME = 0x18;
  public static final int GENERAL_STRING = 0x1b;
  public static final int SEQUENCE = 0x30;
  /** RFC 2743 §3.1 InitialContextToken: [APPLICATION 0] IMPLICIT SEQUENCE. */
  public static final int APPLICATION_0 = 0x60;

  private static final int MAX_LENGTH_OCTETS = 3;
  /**
   * The longest KerberosString accepted, in bytes: real names and realms are far shorter (an AD
   * userPrincipalName, sent whole as one enterprise-name component, has at most 1024 characters).
   */
  public static final int MAX_KERBEROS_STRING = 2048;

  private final byte[] data;
  private final String what;
  private int pos;
  private int end; // moved by enter/exit only

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

  /**
   * Enters the next element, which must have {@code tag}: this reader's range becomes the
   * element's contents until {@link #exit(int)}, which takes the value returned here. One reader
   * walks a whole message this way, where {@link #read(int)} makes a reader per element.
   */
  public int enter(int tag) throws RejectedException {
    int contentLength = header(tag);
    int outer = end;
    end = pos + contentLength;
    return outer;
  }

  /** {@link #enter(int)} for the explicitly tagged field {@code [n]}. */
  public int enterField(int n) throws RejectedException {
    return enter(0xa0 | n);
  }

  /** {@link #enterField(int)} if the field {@code [n]} comes next, else -1 (nothing consumed). */
  public int enterOptionalField(int n) throws RejectedException {
    return peekTag() == (0xa0 | n) ? enter(0xa0 | n) : -1;
  }

  /**
   * Leaves the element entered last: fails, as {@link #expectEnd()} does, unless its contents
   * were read to the end; {@code outer} is what {@link #enter(int)} returned.
   */
  public void exit(int outer) throws RejectedException {
    if (outer < end || outer > data.length) {
      throw new IllegalArgumentException("exit to " + outer + " from a range ending at " + end);
    }
    expectEnd();
    end = outer;
  }

  /** Where the range being read ends in {@link #buffer()} (that of the element entered last). */
  public int end() {
    return end;
  }

  /**
   * Fails as {@link #expectEnd()} would on the element ending at {@code outer} once one ending at
   * {@code inner} is read: for checking that an element fills its field before reading it.
   */
  public void expectFilled(int inner, int outer) throws RejectedException {
    if (inner != outer) {
      throw malformed("end of " + what, (outer - inner) + " trailing bytes");
    }
  }

  /** Skips the rest of this reader's range (contents checked by the caller's own means). */
  public void skipRest() {
    pos = end;
  }

  /** The next element if it has {@code tag}, else null (nothing is consumed). */
  public DerReader readOptional(int tag) throws RejectedException {
    return peekTag() == tag ? read(tag) : null;
  }

  /** The contents of the explicitly tagged field {@code [n]} (context-specific, constructed). */
  public DerReader field(int n) throws RejectedException {
    return read(0xa0 | n);
  }

  /** The contents of the field {@code [n]} if it comes next, else null. */
  public DerReader optionalField(int n) throws RejectedException {
    return readOptional(0xa0 | n);
  }

  /** The whole next element, identifier and length included (e.g. to MIC its exact encoding). */
  public byte[] readEncoded(int tag) throws RejectedException {
    int start = pos;
    int contentLength = header(tag);
    pos += contentLength;
    return Arrays.copyOfRange(data, start, pos);
  }

  /** The whole next element, whatever its (single-octet) tag, identifier and length included. */
  public byte[] readAnyEncoded() throws RejectedException {
    int tag = peekTag();
    if (tag >= 0 && (tag & 0x1f) == 0x1f) {
      throw malformed("a single-octet identifier", "a multi-octet one (0x" + hex(tag) + ")");
    }
    return readEncoded(tag);
  }

  /** The rest of this reader's range, copied. */
  public byte[] readRest() {
    byte[] rest = Arrays.copyOfRange(data, pos, end);
    pos = end;
    return rest;
  }

  /**
   * The reader over the next OCTET STRING's contents, read in place: with {@link #buffer()},
   * {@link #position()} and {@link #remaining()} a view of them, nothing copied.
   */
  public DerReader readOctetStringInPlace() throws RejectedException {
    return read(OCTET_STRING);
  }

  /**
   * The array this reader reads, shared (not copied), for in-place processing of the range
   * [{@link #position()}, {@link #position()} + {@link #remaining()}); never to be modified.
   */
  public byte[] buffer() {
    return data;
  }

  /** Where the next element starts in {@link #buffer()}. */
  public int position() {
    return pos;
  }

  /** An OCTET STRING's contents. */
  public byte[] readOctetString() throws RejectedException {
    int len = header(OCTET_STRING);
    pos += len;
    return Arrays.copyOfRange(data, pos - len, pos);
  }

  /** An OBJECT IDENTIFIER (X.690 §8.19). */
  public ObjectId readOid() throws RejectedException {
    int len = header(OID);
    int p = pos;
    pos += len;
    ObjectId known = ObjectId.known(data, p, p + len);
    return known != null ? known
        : ObjectId.fromContents(Arrays.copyOfRange(data, p, p + len), what);
  }

  /** An ENUMERATED value (X.690 §8.4, §8.3) that fits in an int. */
  public int readEnumerated() throws RejectedException {
    return (int) signed(ENUMERATED, 4, "ENUMERATED");
  }

  /** An INTEGER (X.690 §8.3) of at most five content octets, as a long (covers Int32, UInt32). */
  public long readInteger() throws RejectedException {
    return signed(INTEGER, 5, "INTEGER");
  }

  /** An Int32 (RFC 4120 §5.2.4). */
  public int readInt32() throws RejectedException {
    long v = readInteger();
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw malformed("an Int32", Long.toString(v));
    }
    return (int) v;
  }

  /**
   * A UInt32 (RFC 4120 §5.2.4) as its 32 bits; also accepts the negative encodings older
   * implementations emit for values of 2^31 and above.
   */
  public long readUInt32() throws RejectedException {
    long v = readInteger();
    if (v < Integer.MIN_VALUE || v > 0xffffffffL) {
      throw malformed("a UInt32", Long.toString(v));
    }
    return v & 0xffffffffL;
  }

  /**
   * A KerberosString (GeneralString restricted to IA5, RFC 4120 §5.2.1); UTF-8 tolerated, as MIT
   * and Windows send it. Refused: more than {@link #MAX_KERBEROS_STRING} bytes, bytes that are not
   * UTF-8, and the characters {@link PeerText#isUnsafe} names (names end up in messages and logs:
   * no line breaks, escape sequences or bidi overrides from a peer).
   */
  public String readGeneralString() throws RejectedException {
    int len = header(GENERAL_STRING);
    int p = pos;
    if (len > MAX_KERBEROS_STRING) {
      throw malformed("a KerberosString of at most " + MAX_KERBEROS_STRING + " bytes",
          len + " bytes");
    }
    if (isPrintableAscii(data, p, p + len)) {
      // The usual name: no decoder, and nothing PeerText could object to.
      pos = p + len;
      return len <= RecentStrings.MAX_LENGTH ? RecentStrings.ascii(data, p, len)
          : new String(data, p, len, StandardCharsets.ISO_8859_1);
    }
    String s;
    try {
      s = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(data, p, len)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw malformed("a KerberosString in ASCII or UTF-8", "bytes that are not UTF-8");
    }
    int bad = PeerText.firstUnsafe(s);
    if (bad >= 0) {
      throw malformed("a KerberosString without control characters, line separators or bidi "
          + "overrides", String.format("U+%04X at character %d", s.codePointAt(bad), bad));
    }
    pos = p + len;
    return s;
  }

  private static boolean isPrintableAscii(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] < 0x20 || b[i] == 0x7f) { // bytes >= 0x80 are negative: not ASCII either
        return false;
      }
    }
    return true;
  }

  /** A BIT STRING of at most 32 bits (RFC 4120 §5.2.8 flags), bit 0 as the int's top bit. */
  public int readBits32() throws RejectedException {
    int len = header(BIT_STRING);
    int p = pos;
    if (len < 1 || len > 5 || (data[p] & 0xff) > 7) {
      throw malformed("a BIT STRING of at most 32 bits", len + " content octets");
    }
    int v = 0;
    for (int i = 1; i < 5; i++) {
      v = (v << 8) | (i < len ? data[p + i] & 0xff : 0);
    }
    pos = p + len;
    return v;
  }

  /** A KerberosTime: GeneralizedTime {@code YYYYMMDDHHMMSSZ} (RFC 4120 §5.2.3). */
  public Instant readKerberosTime() throws RejectedException {
    int len = header(GENERALIZED_TIME);
    byte[] b = data;
    int p = pos;
    if (len != 15 || b[p + 14] != 'Z') {
      throw malformed("a KerberosTime YYYYMMDDHHMMSSZ", len + " octets");
    }
    int year = digits(b, p, 4);
    int month = digits(b, p + 4, 2);
    int day = digits(b, p + 6, 2);
    int hour = digits(b, p + 8, 2);
    int minute = digits(b, p + 10, 2);
    int second = digits(b, p + 12, 2);
    pos = p + len;
    if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
        || second < 0 || second > 59) {
      throw malformed("a KerberosTime YYYYMMDDHHMMSSZ", "non-digits or a field out of range");
    }
    try {
      long days = LocalDate.of(year, month, day).toEpochDay();
      return Instant.ofEpochSecond(days * 86_400L + hour * 3600L + minute * 60L + second);
    } catch (DateTimeException e) {
      throw malformed("a KerberosTime with a valid date", "month " + month + " day " + day);
    }
  }

  /** Fails unless every byte of this reader's range was consumed. */
  public void expectEnd() throws RejectedException {
    if (pos != end) {
      throw malformed("end of " + what, (end - pos) + " trailing bytes");
    }
  }

  /** A RejectedException(MALFORMED_TOKEN) naming this reader's element. */
  public RejectedException malformed(String expected, String got) {
    return new RejectedException(Reason.MALFORMED_TOKEN,
        what + ": expected " + expected + ", got " + got);
  }

  /** Minimal two's-complement contents (X.690 §8.3.2) of 1..{@code max} octets. */
  private long signed(int tag, int max, String type) throws RejectedException {
    int len = header(tag);
    byte[] b = data;
    int p = pos;
    if (len < 1 || len > max) {
      throw malformed("an " + type + " of 1-" + max + " octets", len + " octets");
    }
    if (len > 1 && (b[p] == 0 && b[p + 1] >= 0 || b[p] == -1 && b[p + 1] < 0)) {
      throw malformed("a minimal " + type + " (DER)", "a redundant leading octet");
    }
    long v = b[p]; // sign-extended
    for (int i = 1; i < len; i++) {
      v = (v << 8) | (b[p + i] & 0xff);
    }
    pos = p + len;
    return v;
  }

  private static int digits(byte[] b, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      if (b[i] < '0' || b[i] > '9') {
        return -1;
      }
      v = v * 10 + (b[i] - '0');
    }
    return v;
  }

  /** Reads the identifier and length; returns the content length, positioned at the contents. */
  private int header(int tag) throws RejectedException {
    if (pos >= end) {
      throw malformed("tag 0x" + hex(tag), "end of data");
    }
    int actual = data[pos] & 0xff;
    if (actual != tag) {
      throw malformed("tag 0x" + hex(tag), "tag 0x" + hex(actual));
    }
    pos++;
    int length = readLength();
    if (length > end - pos) {
      throw malformed("at most " + (end - pos) + " content bytes",
          "length " + length + ", which runs past the end");
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
    if (count > MAX_LENGTH_OCTETS || count > end - pos) {
      throw malformed("1-" + MAX_LENGTH_OCTETS + " length octets within the data",
          count + " length octets");
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

  private static String hex(int tag) {
    return Integer.toHexString(tag);
  }
}
