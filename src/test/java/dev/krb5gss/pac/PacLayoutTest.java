package dev.krb5gss.pac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PACTYPE and PAC_INFO_BUFFER (MS-PAC §2.3, §2.4) on hand-made headers: every bound. */
class PacLayoutTest {

  /** A PAC of {@code length} bytes with the given (type, size, offset) entries. */
  private static byte[] pac(int length, long... entries) {
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(entries.length / 3).putInt(0);
    for (int i = 0; i < entries.length; i += 3) {
      b.putInt((int) entries[i]).putInt((int) entries[i + 1]).putLong(entries[i + 2]);
    }
    return b.array();
  }

  @Test
  void aSoundLayoutKeepsEveryBufferInOrder() throws RejectedException {
    PacLayout l = PacLayout.parse(pac(80, 1, 8, 56, 0x7777, 4, 64, 10, 0, 72));
    assertThat(l.buffers()).extracting(PacLayout.Buffer::type).containsExactly(1, 0x7777, 10);
    assertThat(l.indexOf(10)).isEqualTo(2);
    assertThat(l.indexOf(12)).isEqualTo(-1);
    assertThat(l.indexOf(0x7777)).isEqualTo(-1); // unknown types are kept, not indexed
    assertThat(l.count()).isEqualTo(3);
    assertThat(l.buffer(0)).isEqualTo(new PacLayout.Buffer(1, 56, 8));
    assertThat(l.offset(1)).isEqualTo(64);
    assertThat(l.size(1)).isEqualTo(4);
  }

  @Test
  void aMissingRequiredBufferIsRefused() throws RejectedException {
    PacLayout l = PacLayout.parse(pac(80, 1, 8, 56, 0x7777, 4, 64, 10, 0, 72));
    assertThat(l.require(1)).isEqualTo(0);
    assertThatThrownBy(() -> l.require(PacBufferType.SERVER_CHECKSUM)).isInstanceOfSatisfying(
        RejectedException.class, e -> assertThat(e.getMessage())
            .contains("PAC check BUFFER_SET failed: expected a server checksum(6) buffer, got none"));
  }

  @Test
  void shorterThanAPactypeIsRefused() {
    assertRejected(new byte[7], PacCheck.PACTYPE, "at least 8 bytes, got 7");
  }

  @Test
  void noBuffersIsRefused() {
    assertRejected(pac(8), PacCheck.PACTYPE, "cBuffers in [1, 128], got 0");
  }

  @Test
  void aHeaderLongerThanThePacIsRefused() {
    byte[] p = pac(24, 1, 0, 24);
    p[0] = 2;
    assertRejected(p, PacCheck.PACTYPE, "2 PAC_INFO_BUFFERs (40 bytes of header)", "24 bytes");
  }

  @Test
  void anOffsetWithTheHighBitSetIsRefused() {
    assertRejected(pac(32, 1, 8, 0x8000000000000018L), PacCheck.BUFFER_LAYOUT,
        "8-byte aligned offset", "9223372036854775832");
  }

  @Test
  void aSizeReachingPastTheEndIsRefused() {
    assertRejected(pac(32, 1, 9, 24), PacCheck.BUFFER_LAYOUT, "offset 24 + size 9",
        "within the PAC's 32 bytes");
  }

  @Test
  void aSizeOfFourGigabytesIsRefused() {
    assertRejected(pac(32, 1, 0xffffffffL, 24), PacCheck.BUFFER_LAYOUT, "size 4294967295");
  }

  @Test
  void overlappingBuffersAreRefusedWhateverTheirOrder() {
    assertRejected(pac(80, 10, 8, 64, 1, 24, 48), PacCheck.BUFFER_LAYOUT,
        "non-overlapping", "KERB_VALIDATION_INFO(1) at [48, 72)", "PAC_CLIENT_INFO(10) at 64");
  }

  @Test
  void overlapIsFoundInEveryPositionAndOrder() {
    // Three buffers, [64, 72) overlapping [56, 72) or sharing its offset, in every order.
    assertRejected(pac(80, 0x100, 8, 56, 0x101, 8, 64, 0x102, 16, 56), PacCheck.BUFFER_LAYOUT,
        "buffer type 256 at [56, 64) and buffer type 258 at 56");
    assertRejected(pac(80, 0x102, 16, 56, 0x100, 8, 56, 0x101, 8, 64), PacCheck.BUFFER_LAYOUT,
        "buffer type 256 at [56, 64) and buffer type 258 at 56");
    assertRejected(pac(80, 0x101, 8, 72, 0x102, 16, 64, 0x100, 8, 56), PacCheck.BUFFER_LAYOUT,
        "buffer type 258 at [64, 80) and buffer type 257 at 72");
    // An empty buffer inside another one overlaps it; at its end it does not.
    assertRejected(pac(80, 0x100, 16, 56, 0x101, 0, 64), PacCheck.BUFFER_LAYOUT,
        "buffer type 256 at [56, 72) and buffer type 257 at 64");
  }

  @Test
  void anEmptyBufferAtAnotherOnesEndDoesNotOverlap() throws RejectedException {
    assertThat(PacLayout.parse(pac(80, 0x100, 16, 56, 0x101, 0, 72)).count()).isEqualTo(2);
  }

  /**
   * Up to {@link PacLayout#PAIRWISE_MAX} buffers every pair is compared, above that the buffers
   * are sorted: the same PACs pass and the same overlap is named on both sides of the bound.
   */
  @ParameterizedTest
  @ValueSource(ints = {2, 3, PacLayout.PAIRWISE_MAX - 1, PacLayout.PAIRWISE_MAX,
      PacLayout.PAIRWISE_MAX + 1, PacLayout.MAX_BUFFERS})
  void overlapIsJudgedTheSameBelowAndAboveThePairwiseBound(int n) throws RejectedException {
    int header = 8 + 16 * n;
    int first = (header + 7) / 8 * 8;
    // n unknown buffers of 8 bytes back to back, listed last to first.
    long[] entries = new long[3 * n];
    for (int i = 0; i < n; i++) {
      entries[3 * i] = 0x100 + i;
      entries[3 * i + 1] = 8;
      entries[3 * i + 2] = first + 8L * (n - 1 - i);
    }
    int length = first + 8 * n;
    assertThat(PacLayout.parse(pac(length, entries)).count()).isEqualTo(n);

    // The first listed (the last in the PAC) moved back 8 bytes, onto the second listed; equal
    // buffers stay in PAC order, so the first listed is named first.
    entries[2] -= 8;
    assertRejected(pac(length, entries), PacCheck.BUFFER_LAYOUT, "non-overlapping",
        "buffer type " + 0x100 + " at [" + (first + 8 * (n - 2)) + ", "
            + (first + 8 * (n - 1)) + ") and buffer type " + (0x100 + 1) + " at "
            + (first + 8 * (n - 2)));

    // Instead the second listed grown by 4 bytes: it reaches into the first listed.
    entries[2] += 8;
    entries[3 + 1] = 12;
    assertRejected(pac(length, entries), PacCheck.BUFFER_LAYOUT, "non-overlapping",
        "buffer type " + (0x100 + 1) + " at [" + (first + 8 * (n - 2)) + ", "
            + (first + 8 * (n - 2) + 12) + ") and buffer type " + 0x100 + " at "
            + (first + 8 * (n - 1)));
  }

  /**
   * A sound layout costs the layout, its table and the header's reader (~130 bytes): no value per
   * buffer, no sorted copy, no list copy (~270 bytes for these three buffers before).
   */
  @Test
  void parsingASoundLayoutAllocatesNoValuePerBuffer() throws RejectedException {
    byte[] pac = pac(80, 1, 8, 56, 0x7777, 4, 64, 10, 0, 72);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    int count = 0;
    for (int i = 0; i < 20_000; i++) {
      count += PacLayout.parse(pac).count();
    }
    long tid = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(tid);
    for (int i = 0; i < 1_000; i++) {
      count += PacLayout.parse(pac).count();
    }
    long allocated = threads.getThreadAllocatedBytes(tid) - before;
    assertThat(count).isEqualTo(3 * 21_000);
    assertThat(allocated).as("bytes allocated by 1,000 parses").isLessThan(200_000);
  }

  @Test
  void emptyBuffersMayShareAnOffset() throws RejectedException {
    assertThat(PacLayout.parse(pac(48, 0x100, 0, 40, 0x101, 0, 40)).buffers()).hasSize(2);
  }

  @Test
  void aDuplicateOfAKnownTypeIsRefusedButUnknownTypesMayRepeat() throws RejectedException {
    assertRejected(pac(80, 12, 8, 56, 12, 8, 64), PacCheck.BUFFER_SET,
        "at most one UPN_DNS_INFO(12)");
    assertThat(PacLayout.parse(pac(80, 0x100, 8, 56, 0x100, 8, 64)).buffers()).hasSize(2);
  }

  private static void assertRejected(byte[] pac, PacCheck check, String... fragments) {
    assertThatThrownBy(() -> PacLayout.parse(pac)).isInstanceOfSatisfying(
        RejectedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.PAC_INVALID);
          assertThat(e.getMessage()).contains("PAC check " + check.name() + " failed")
              .contains(fragments);
        });
  }
}
