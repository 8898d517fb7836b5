package dev.krb5gss.pac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

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
    assertThat(l.find(10)).isPresent();
    assertThat(l.find(0x7777)).isEmpty(); // unknown types are kept, not indexed
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
