package dev.krb5gss.der;

import java.time.Instant;
import java.util.Arrays;

/**
 * DER (X.690) written back to front into one array: contents first, then each enclosing length
 * and tag in front of them, so nested elements are never copied level by level as
 * {@link DerWriter}'s return-an-array calls do. Write the last field first:
 *
 * <pre>{@code
 * DerBackWriter w = new DerBackWriter(64);   // SEQUENCE { [0] INTEGER 5, [1] INTEGER 7 }
 * int seq = w.mark();
 * int f = w.mark();
 * w.integer(7).wrap(0xa1, f);                // the last field first
 * f = w.mark();
 * w.integer(5).wrap(0xa0, f);
 * w.wrap(DerReader.SEQUENCE, seq);
 * byte[] der = w.toByteArray();
 * }</pre>
 *
 * <p>A mark is the size written so far; {@link #wrap} puts a tag and the length of everything
 * written since that mark in front. The array grows when needed.
 */
public final class DerBackWriter {
  private byte[] buf;
  private int pos;

  public DerBackWriter(int capacity) {
    this.buf = new byte[Math.max(16, capacity)];
    this.pos = buf.length;
  }

  private DerBackWriter(byte[] buf, int pos) {
    this.buf = buf;
    this.pos = pos;
  }

  /**
   * A writer continuing in front of {@code buf[start, buf.length)}, which counts as already
   * written (e.g. a ciphertext produced with headroom in front of it): the enclosing headers go
   * into the headroom, and the array is used, not copied, until it must grow.
   */
  public static DerBackWriter over(byte[] buf, int start) {
    java.util.Objects.checkIndex(start, buf.length + 1);
    return new DerBackWriter(buf, start);
  }

  /** The array written into; what is written is {@code [start(), array().length)}. */
  public byte[] array() {
    return buf;
  }

  /** Where what is written begins in {@link #array()}. */
  public int start() {
    return pos;
  }

  /** The number of bytes written so far (a mark for {@link #wrap}). */
  public int mark() {
    return buf.length - pos;
  }

  /** Puts {@code tag || length} in front of everything written since {@code mark}. */
  public DerBackWriter wrap(int tag, int mark) {
    int length = mark() - mark;
    if (length < 0) {
      throw new IllegalArgumentException("mark " + mark + " is ahead of what was written");
    }
    if (length > DerWriter.MAX_LENGTH) {
      throw new IllegalArgumentException("an element of " + length + " bytes is too large");
    }
    if (length < 0x80) {
      room(2);
      buf[--pos] = (byte) length;
    } else {
      int octets = length < 0x100 ? 1 : length < 0x10000 ? 2 : 3;
      room(2 + octets);
      for (int i = 0; i < octets; i++) {
        buf[--pos] = (byte) (length >>> (8 * i));
      }
      buf[--pos] = (byte) (0x80 | octets);
    }
    buf[--pos] = (byte) tag;
    return this;
  }

  /**
   * Makes room for {@code length} bytes in front of what was written and returns where they
   * start in {@link #array()}, for the caller to fill (e.g. key bytes copied from their holder).
   */
  public int reserve(int length) {
    room(length);
    pos -= length;
    return pos;
  }

  /** Raw bytes in front of what was written. */
  public DerBackWriter raw(byte[] b, int offset, int length) {
    room(length);
    pos -= length;
    System.arraycopy(b, offset, buf, pos, length);
    return this;
  }

  public DerBackWriter raw(byte[] b) {
    return raw(b, 0, b.length);
  }

  /** An OCTET STRING of {@code value}. */
  public DerBackWriter octetString(byte[] value) {
    int m = mark();
    return raw(value).wrap(DerReader.OCTET_STRING, m);
  }

  /** A minimal two's-complement INTEGER (X.690 §8.3). */
  public DerBackWriter integer(long v) {
    int m = mark();
    int n = 1;
    while (n < 8 && (v >> (8 * n - 1)) != 0 && (v >> (8 * n - 1)) != -1) {
      n++;
    }
    room(n);
    for (int i = 0; i < n; i++) {
      buf[--pos] = (byte) (v >> (8 * i));
    }
    return wrap(DerReader.INTEGER, m);
  }

  /** A KerberosTime {@code YYYYMMDDHHMMSSZ} (RFC 4120 §5.2.3); fractions are dropped. */
  public DerBackWriter kerberosTime(Instant t) {
    long seconds = t.getEpochSecond();
    long days = Math.floorDiv(seconds, 86_400L);
    int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
    // The proleptic Gregorian date of a day number, in integers (the civil_from_days algorithm,
    // 400-year eras of 146,097 days): no LocalDateTime and its parts per reply.
    long z = days + 719_468L;
    long era = Math.floorDiv(z, 146_097L);
    long doe = z - era * 146_097L;                                      // [0, 146096]
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;  // [0, 399]
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                  // [0, 365]
    long mp = (5 * doy + 2) / 153;                                       // [0, 11], from March
    int day = (int) (doy - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999) {
      throw new IllegalArgumentException("year " + year + " does not fit a KerberosTime");
    }
    int m = mark();
    room(15);
    pos -= 15;
    put(pos, (int) year, 4);
    put(pos + 4, month, 2);
    put(pos + 6, day, 2);
    put(pos + 8, secondOfDay / 3600, 2);
    put(pos + 10, secondOfDay / 60 % 60, 2);
    put(pos + 12, secondOfDay % 60, 2);
    buf[pos + 14] = 'Z';
    return wrap(DerReader.GENERALIZED_TIME, m);
  }

  /** The bytes written, in order (a new array of exactly {@link #mark()} bytes). */
  public byte[] toByteArray() {
    return Arrays.copyOfRange(buf, pos, buf.length);
  }

  /** Zeroes the whole buffer (after writing secrets into it, once {@link #toByteArray} is taken). */
  public void wipe() {
    Arrays.fill(buf, (byte) 0);
  }

  private void put(int off, int value, int width) {
    for (int i = width - 1; i >= 0; i--) {
      buf[off + i] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }

  private void room(int n) {
    if (pos >= n) {
      return;
    }
    int used = buf.length - pos;
    byte[] bigger = new byte[Math.max(buf.length * 2, used + n + 16)];
    System.arraycopy(buf, pos, bigger, bigger.length - used, used);
    Arrays.fill(buf, (byte) 0); // it may hold secrets
    pos = bigger.length - used;
    buf = bigger;
  }
}
