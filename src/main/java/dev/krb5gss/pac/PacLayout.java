package dev.krb5gss.pac;

import dev.krb5gss.error.RejectedException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The PACTYPE header and its PAC_INFO_BUFFER array (MS-PAC §2.3, §2.4), parsed strictly: Version
 * 0; cBuffers between 1 and {@link #MAX_BUFFERS} and the array inside the PAC; every buffer's
 * offset 8-byte aligned, past the header, and offset + size inside the PAC; no two buffers
 * overlapping; no type MS-PAC defines appearing twice. Buffers of unknown types are kept and
 * ignored (they stay covered by the server signature). Nothing is trusted before it is checked.
 */
final class PacLayout {
  /** Windows PACs carry about ten buffers; the bound keeps the header small. */
  static final int MAX_BUFFERS = 128;
  private static final int PACTYPE_LENGTH = 8;
  private static final int INFO_BUFFER_LENGTH = 16;

  /** One PAC_INFO_BUFFER whose bounds were checked against the PAC. */
  record Buffer(int type, int offset, int size) {}

  private final byte[] pac;
  private final List<Buffer> buffers;
  private static final Comparator<Buffer> BY_POSITION =
      Comparator.comparingInt(Buffer::offset).thenComparingInt(Buffer::size);

  private PacLayout(byte[] pac, List<Buffer> buffers) {
    this.pac = pac;
    this.buffers = buffers;
  }

  static PacLayout parse(byte[] pac) throws RejectedException {
    if (pac.length < PACTYPE_LENGTH) {
      throw PacCheck.PACTYPE.fail("expected at least " + PACTYPE_LENGTH + " bytes, got "
          + pac.length);
    }
    LeReader r = LeReader.of(pac, 0, pac.length, PacCheck.PACTYPE, "PACTYPE");
    long count = r.u32Unsigned();
    long version = r.u32Unsigned();
    if (version != 0) {
      throw PacCheck.PACTYPE.fail("expected Version 0, got " + version);
    }
    if (count < 1 || count > MAX_BUFFERS) {
      throw PacCheck.PACTYPE.fail("expected cBuffers in [1, " + MAX_BUFFERS + "], got " + count);
    }
    long headerLength = PACTYPE_LENGTH + count * INFO_BUFFER_LENGTH;
    if (headerLength > pac.length) {
      throw PacCheck.PACTYPE.fail("expected " + count + " PAC_INFO_BUFFERs (" + headerLength
          + " bytes of header), but the PAC has " + pac.length + " bytes");
    }
    Buffer[] buffers = new Buffer[(int) count];
    for (int i = 0; i < count; i++) {
      Buffer b = buffer(r, i, headerLength, pac.length);
      if (PacBufferType.isSingleton(b.type()) && first(buffers, i, b.type()) != null) {
        throw PacCheck.BUFFER_SET.fail("expected at most one " + PacBufferType.name(b.type())
            + ", got two or more");
      }
      buffers[i] = b;
    }
    checkOverlap(buffers);
    return new PacLayout(pac, List.of(buffers));
  }

  private static Buffer buffer(LeReader r, int index, long headerLength, int pacLength)
      throws RejectedException {
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
    return new Buffer(type, (int) offset, (int) size);
  }

  private static String which(int index, int type) {
    return "PAC_INFO_BUFFER " + index + " (" + PacBufferType.name(type) + ")";
  }

  /** The first of {@code buffers[0, n)} of {@code type}, or null (a PAC has a handful). */
  private static Buffer first(Buffer[] buffers, int n, int type) {
    for (int i = 0; i < n; i++) {
      if (buffers[i].type() == type) {
        return buffers[i];
      }
    }
    return null;
  }

  private static void checkOverlap(Buffer[] buffers) throws RejectedException {
    Buffer[] sorted = buffers.clone();
    java.util.Arrays.sort(sorted, BY_POSITION);
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

  byte[] pac() {
    return pac;
  }

  List<Buffer> buffers() {
    return buffers;
  }

  /** The buffer of a singleton {@code type}, if any (other types are kept, not looked up). */
  Optional<Buffer> find(int type) {
    return Optional.ofNullable(first(type));
  }

  private Buffer first(int type) {
    if (!PacBufferType.isSingleton(type)) {
      return null;
    }
    for (int i = 0; i < buffers.size(); i++) {
      Buffer b = buffers.get(i);
      if (b.type() == type) {
        return b;
      }
    }
    return null;
  }

  Buffer require(int type) throws RejectedException {
    Buffer b = first(type);
    if (b == null) {
      throw PacCheck.BUFFER_SET.fail("expected a " + PacBufferType.name(type) + " buffer, got none");
    }
    return b;
  }

  /** A reader over one buffer, failing {@code check} when the buffer is short. */
  LeReader reader(Buffer b, PacCheck check) {
    return LeReader.of(pac, b.offset(), b.size(), check, PacBufferType.name(b.type()));
  }
}
