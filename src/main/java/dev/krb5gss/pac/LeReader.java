package dev.krb5gss.pac;

import dev.krb5gss.error.RejectedException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A bounded little-endian cursor over one PAC buffer (MS-PAC §2 fields are little-endian, as is
 * the NDR the PAC uses, MS-RPCE §2.2.5). Every read checks the remaining length first; a short
 * buffer fails the {@link PacCheck} the reader was made for. Positions are relative to the
 * buffer's start, which is also the origin for NDR alignment.
 */
final class LeReader {
  private final byte[] data;
  private final int start;
  private final int end;
  private final PacCheck check;
  private final String what;
  private int pos;

  private LeReader(byte[] data, int start, int end, PacCheck check, String what) {
    this.data = data;
    this.start = start;
    this.end = end;
    this.pos = start;
    this.check = check;
    this.what = what;
  }

  /** A reader over {@code data[offset, offset + length)}; the caller checked those bounds. */
  static LeReader of(byte[] data, int offset, int length, PacCheck check, String what) {
    if (offset < 0 || length < 0 || offset > data.length - length) {
      throw new IllegalArgumentException("bounds outside the array");
    }
    return new LeReader(data, offset, offset + length, check, what);
  }

  int position() {
    return pos - start;
  }

  int length() {
    return end - start;
  }

  int remaining() {
    return end - pos;
  }

  /** Moves to {@code offset} from the start; fails past the end. */
  void seek(int offset) throws RejectedException {
    if (offset < 0 || offset > end - start) {
      throw fail("an offset within its " + (end - start) + " bytes", "offset " + offset);
    }
    pos = start + offset;
  }

  void skip(int n) throws RejectedException {
    need(n);
    pos += n;
  }

  /** Skips to the next multiple of {@code n} from the start (NDR alignment, MS-RPCE §2.2.5.2). */
  void align(int n) throws RejectedException {
    int pad = (n - (position() % n)) % n;
    skip(pad);
  }

  int u8() throws RejectedException {
    need(1);
    return data[pos++] & 0xff;
  }

  int u16() throws RejectedException {
    need(2);
    int v = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8;
    pos += 2;
    return v;
  }

  /** A 32-bit value as the int with the same bits. */
  int u32() throws RejectedException {
    need(4);
    int v = u32At(data, pos);
    pos += 4;
    return v;
  }

  /**
   * The 32-bit little-endian value at {@code data[at, at + 4)}, for a caller that checked those
   * bounds (an index outside {@code data} still throws, it is never read past).
   */
  static int u32At(byte[] data, int at) {
    return (data[at] & 0xff) | (data[at + 1] & 0xff) << 8 | (data[at + 2] & 0xff) << 16
        | (data[at + 3] & 0xff) << 24;
  }

  /** A 32-bit value as a non-negative long. */
  long u32Unsigned() throws RejectedException {
    return Integer.toUnsignedLong(u32());
  }

  long u64() throws RejectedException {
    long lo = u32Unsigned();
    long hi = u32Unsigned();
    return hi << 32 | lo;
  }

  byte[] bytes(int n) throws RejectedException {
    need(n);
    byte[] b = new byte[n];
    System.arraycopy(data, pos, b, 0, n);
    pos += n;
    return b;
  }

  /** {@code byteLength} bytes of UTF-16LE; unpaired surrogates are refused. */
  String utf16(int byteLength, String field) throws RejectedException {
    if (byteLength % 2 != 0) {
      throw fail("an even byte length for " + field + " (UTF-16)", byteLength + " bytes");
    }
    need(byteLength);
    String ascii = printableAscii(byteLength);
    if (ascii != null) {
      pos += byteLength;
      return ascii;
    }
    try {
      String s = StandardCharsets.UTF_16LE.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(data, pos, byteLength)).toString();
      pos += byteLength;
      return s;
    } catch (CharacterCodingException e) {
      throw fail("valid UTF-16 in " + field, "an unpaired surrogate");
    }
  }

  /**
   * The usual account or domain name, every code unit printable ASCII: built without a decoder
   * (a decoder, its buffers and a char array per name were 3-5 % of an accept); null otherwise.
   */
  private String printableAscii(int byteLength) {
    int n = byteLength / 2;
    byte[] ascii = new byte[n];
    for (int i = 0; i < n; i++) {
      byte low = data[pos + 2 * i];
      if (data[pos + 2 * i + 1] != 0 || low < 0x20 || low == 0x7f) {
        return null;
      }
      ascii[i] = low;
    }
    return new String(ascii, StandardCharsets.ISO_8859_1);
  }

  /**
   * {@code byteLength} bytes of UTF-16LE naming an account, domain or host: no control characters
   * (Active Directory allows none in those names, MS-ADTS §3.1.1.5.1.2; they would forge log
   * lines or principal names downstream).
   */
  String name(int byteLength, String field) throws RejectedException {
    int at = position();
    String s = utf16(byteLength, field);
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        throw fail("no control characters in " + field, String.format("U+%04X at offset %d",
            (int) s.charAt(i), at + 2 * i));
      }
    }
    return s;
  }

  /** A binary SID (MS-DTYP §2.4.2.2) of exactly {@code length} bytes. */
  Sid sid(int length, String field) throws RejectedException {
    int at = position();
    int revision = u8();
    int count = u8();
    if (revision != 1 || count > Sid.MAX_SUB_AUTHORITIES || length != 8 + 4 * count) {
      throw fail("a SID (revision 1, at most 15 sub-authorities, " + length + " bytes) in "
          + field, "revision " + revision + ", " + count + " sub-authorities at offset " + at);
    }
    long authority = 0;
    for (int i = 0; i < 6; i++) {
      authority = authority << 8 | u8();
    }
    int[] subs = new int[count];
    for (int i = 0; i < count; i++) {
      subs[i] = u32();
    }
    return Sid.fromParts(revision, authority, subs);
  }

  private void need(int n) throws RejectedException {
    if (n < 0 || n > end - pos) {
      throw fail(n + " more bytes at offset " + position(), "only " + (end - pos) + " left");
    }
  }

  RejectedException fail(String expected, String got) {
    return check.fail(what + ": expected " + expected + ", got " + got);
  }
}
