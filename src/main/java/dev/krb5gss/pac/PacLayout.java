package dev.krb5gss.pac;

import dev.krb5gss.error.RejectedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The PACTYPE header and its PAC_INFO_BUFFER array (MS-PAC §2.3, §2.4), parsed strictly: Version
 * 0; cBuffers between 1 and {@link #MAX_BUFFERS} and the array inside the PAC; every buffer's
 * offset 8-byte aligned, past the header, and offset + size inside the PAC; no two buffers
 * overlapping; no type MS-PAC defines appearing twice. Buffers of unknown types are kept and
 * ignored (they stay covered by the server signature). Nothing is trusted before it is checked.
 *
 * <p>Buffers are addressed by their index in the PAC_INFO_BUFFER array ({@link #indexOf},
 * {@link #require}); the checked entries live in one {@code int} array, so a lookup allocates
 * nothing ({@link Buffer} is a value view for messages and tests).
 *
 * <p>The PAC may be a range {@code [base, base + length)} of a larger array (the ticket's
 * authorization data, read where it lies): the offsets the table keeps are relative to the PAC's
 * start, as MS-PAC defines them and as messages quote them; {@link #at} gives the absolute
 * position in {@link #array()}. The array is only read, never written.
 */
final class PacLayout {
  /** Windows PACs carry about ten buffers; the bound keeps the header small. */
  static final int MAX_BUFFERS = 128;
  /**
   * Up to this many buffers the overlap check compares every pair without allocating (at most
   * 120 comparisons); more (no KDC writes that many) are sorted, as is a layout that overlaps,
   * so the rejection names the same pair either way.
   */
  static final int PAIRWISE_MAX = 16;
  private static final int PACTYPE_LENGTH = 8;
  private static final int INFO_BUFFER_LENGTH = 16;

  /** One PAC_INFO_BUFFER whose bounds were checked against the PAC. */
  record Buffer(int type, int offset, int size) {}

  private static final Comparator<Buffer> BY_POSITION =
      Comparator.comparingInt(Buffer::offset).thenComparingInt(Buffer::size);

  private final byte[] array;
  private final int base;
  private final int length;
  /** PAC_INFO_BUFFER {@code i} as type, offset, size at {@code [3i, 3i + 3)}, checked. */
  private final int[] table;

  private PacLayout(byte[] array, int base, int length, int[] table) {
    this.array = array;
    this.base = base;
    this.length = length;
    this.table = table;
  }

  /** Parses a PAC that is the whole of {@code pac}. */
  static PacLayout parse(byte[] pac) throws RejectedException {
    return parse(pac, 0, pac.length);
  }

  /**
   * Parses the PAC at {@code array[base, base + length)} (a range the caller located within the
   * array; anything else is our own fault, an {@link IndexOutOfBoundsException}). The array is
   * kept, not copied: the caller must not change it while the layout is in use.
   */
  static PacLayout parse(byte[] array, int base, int length) throws RejectedException {
    Objects.checkFromIndexSize(base, length, array.length);
    if (length < PACTYPE_LENGTH) {
      throw PacCheck.PACTYPE.fail("expected at least " + PACTYPE_LENGTH + " bytes, got "
          + length);
    }
    LeReader r = LeReader.of(array, base, length, PacCheck.PACTYPE, "PACTYPE");
    long count = r.u32Unsigned();
    long version = r.u32Unsigned();
    if (version != 0) {
      throw PacCheck.PACTYPE.fail("expected Version 0, got " + version);
    }
    if (count < 1 || count > MAX_BUFFERS) {
      throw PacCheck.PACTYPE.fail("expected cBuffers in [1, " + MAX_BUFFERS + "], got " + count);
    }
    long headerLength = PACTYPE_LENGTH + count * INFO_BUFFER_LENGTH;
    if (headerLength > length) {
      throw PacCheck.PACTYPE.fail("expected " + count + " PAC_INFO_BUFFERs (" + headerLength
          + " bytes of header), but the PAC has " + length + " bytes");
    }
    int[] table = new int[3 * (int) count];
    for (int i = 0; i < count; i++) {
      readBuffer(r, i, headerLength, length, table);
      int type = table[3 * i];
      if (PacBufferType.isSingleton(type) && indexOf(table, i, type) >= 0) {
        throw PacCheck.BUFFER_SET.fail("expected at most one " + PacBufferType.name(type)
            + ", got two or more");
      }
    }
    checkOverlap(table);
    return new PacLayout(array, base, length, table);
  }

  /** Reads and checks PAC_INFO_BUFFER {@code index} into {@code table}. */
  private static void readBuffer(LeReader r, int index, long headerLength, int pacLength,
      int[] table) throws RejectedException {
    int type = r.u32();
    long size = r.u32Unsigned();
    long offset = r.u64();
    if (offset < 0 || offset % 8 != 0) {
      throw PacCheck.BUFFER_LAYOUT.fail(which(index, type) + ": expected an 8-byte aligned "
          + "offset, got " + Long.toUnsignedString(offset));
    }
    if (offset < headerLength) {
      throw PacCheck.BUFFER_LAYOUT.fail(which(index, type) + ": expected an offset past the "
          + headerLength + "-byte header, got " + offset);
    }
    if (offset > pacLength || size > pacLength - offset) {
      throw PacCheck.BUFFER_LAYOUT.fail(which(index, type) + ": expected offset + size within "
          + "the PAC's " + pacLength + " bytes, got offset " + Long.toUnsignedString(offset)
          + " + size " + size);
    }
    table[3 * index] = type;
    table[3 * index + 1] = (int) offset;
    table[3 * index + 2] = (int) size;
  }

  private static String which(int index, int type) {
    return "PAC_INFO_BUFFER " + index + " (" + PacBufferType.name(type) + ")";
  }

  /** The index of the first of buffers {@code [0, n)} of {@code type}, or -1 (a PAC has a handful). */
  private static int indexOf(int[] table, int n, int type) {
    for (int i = 0; i < n; i++) {
      if (table[3 * i] == type) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Rejects overlapping buffers: buffer a (before b by offset, then size) overlaps b when a's end
   * lies past b's offset. Any such pair exists exactly when one exists between neighbours in that
   * order, which is what the sorted check looks at.
   */
  private static void checkOverlap(int[] table) throws RejectedException {
    int n = table.length / 3;
    if (n > PAIRWISE_MAX || overlapsPairwise(table, n)) {
      checkOverlapSorted(table, n);
    }
  }

  private static boolean overlapsPairwise(int[] table, int n) {
    for (int i = 0; i < n; i++) {
      int offsetI = table[3 * i + 1];
      int sizeI = table[3 * i + 2];
      for (int j = i + 1; j < n; j++) {
        int offsetJ = table[3 * j + 1];
        int sizeJ = table[3 * j + 2];
        boolean iFirst = offsetI < offsetJ || (offsetI == offsetJ && sizeI <= sizeJ);
        if (iFirst ? (long) offsetI + sizeI > offsetJ : (long) offsetJ + sizeJ > offsetI) {
          return true;
        }
      }
    }
    return false;
  }

  /** The sorted check, naming the first overlapping neighbours. */
  private static void checkOverlapSorted(int[] table, int n) throws RejectedException {
    Buffer[] sorted = new Buffer[n];
    for (int i = 0; i < n; i++) {
      sorted[i] = new Buffer(table[3 * i], table[3 * i + 1], table[3 * i + 2]);
    }
    Arrays.sort(sorted, BY_POSITION);
    for (int i = 1; i < sorted.length; i++) {
      Buffer prev = sorted[i - 1];
      Buffer cur = sorted[i];
      if ((long) prev.offset() + prev.size() > cur.offset()) {
        throw PacCheck.BUFFER_LAYOUT.fail("expected non-overlapping buffers, got "
            + PacBufferType.name(prev.type()) + " at [" + prev.offset() + ", "
            + (prev.offset() + prev.size()) + ") and " + PacBufferType.name(cur.type()) + " at "
            + cur.offset());
      }
    }
  }

  /**
   * The array the PAC lies in, shared (it may be the ticket's authorization data): to be read at
   * {@code [base(), base() + length())} only, never written or handed out.
   */
  byte[] array() {
    return array;
  }

  /** Where the PAC starts in {@link #array()}. */
  int base() {
    return base;
  }

  /** The PAC's length in bytes. */
  int length() {
    return length;
  }

  /** Where buffer {@code i} starts in {@link #array()}: {@link #base()} + its Offset. */
  int at(int i) {
    return base + offset(i);
  }

  /** The number of PAC_INFO_BUFFERs (cBuffers). */
  int count() {
    return table.length / 3;
  }

  /** The ulType of buffer {@code i}. */
  int type(int i) {
    return table[3 * i];
  }

  /**
   * The checked Offset of buffer {@code i}, from the PAC's start (MS-PAC §2.4): 8-byte aligned,
   * past the header; {@link #at} is its position in {@link #array()}.
   */
  int offset(int i) {
    return table[3 * i + 1];
  }

  /** The checked cbBufferSize of buffer {@code i}: offset + size lies within the PAC. */
  int size(int i) {
    return table[3 * i + 2];
  }

  /** Buffer {@code i} as a value. */
  Buffer buffer(int i) {
    return new Buffer(type(i), offset(i), size(i));
  }

  /** Every buffer in PAC order, built on each call (not on the accept path). */
  List<Buffer> buffers() {
    List<Buffer> all = new ArrayList<>(count());
    for (int i = 0; i < count(); i++) {
      all.add(buffer(i));
    }
    return List.copyOf(all);
  }

  /**
   * The index of the buffer of a singleton {@code type}, or -1 if the PAC has none (other types
   * are kept, not looked up).
   */
  int indexOf(int type) {
    return PacBufferType.isSingleton(type) ? indexOf(table, count(), type) : -1;
  }

  /** The index of the buffer of a singleton {@code type}; a PAC without one is rejected. */
  int require(int type) throws RejectedException {
    int i = indexOf(type);
    if (i < 0) {
      throw PacCheck.BUFFER_SET.fail("expected a " + PacBufferType.name(type) + " buffer, got none");
    }
    return i;
  }

  /** A reader over buffer {@code i}, failing {@code check} when the buffer is short. */
  LeReader reader(int i, PacCheck check) {
    return LeReader.of(array, at(i), size(i), check, PacBufferType.name(type(i)));
  }
}
