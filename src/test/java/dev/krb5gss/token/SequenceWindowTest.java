package dev.krb5gss.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import org.junit.jupiter.api.Test;

/** The RFC 2743 §1.2.3 replay/sequence window with 64-bit numbers. */
class SequenceWindowTest {

  @Test
  void inOrderIsClean() throws Exception {
    SequenceWindow w = new SequenceWindow(1000, true, true);
    for (long s = 1000; s < 1200; s++) {
      assertThat(w.check(s)).isEqualTo(Supplementary.NONE);
    }
  }

  @Test
  void theWindowEdgeIsExact() throws Exception {
    SequenceWindow w = new SequenceWindow(0, true, true);
    assertThat(w.check(100)).isEqualTo(Supplementary.GAP);     // next expected: 101
    assertThat(w.check(101 - 64)).isEqualTo(Supplementary.UNSEQ);   // 64 behind: inside
    assertReason(() -> w.check(101 - 65), Reason.OLD_TOKEN);         // 65 behind: outside
    assertReason(() -> w.check(100), Reason.DUPLICATE_TOKEN);
    assertReason(() -> w.check(37), Reason.DUPLICATE_TOKEN);
  }

  @Test
  void aGapLargerThanTheWindowForgetsEverythingBefore() throws Exception {
    SequenceWindow w = new SequenceWindow(5, true, true);
    w.check(5);
    assertThat(w.check(5 + 1000)).isEqualTo(Supplementary.GAP);
    assertReason(() -> w.check(5), Reason.OLD_TOKEN);
    assertThat(w.check(5 + 999)).isEqualTo(Supplementary.UNSEQ);
  }

  @Test
  void numbersWrapAt64Bits() throws Exception {
    SequenceWindow w = new SequenceWindow(-2, true, true);   // 0xFFFF_FFFF_FFFF_FFFE
    assertThat(w.check(-2)).isEqualTo(Supplementary.NONE);
    assertThat(w.check(-1)).isEqualTo(Supplementary.NONE);
    assertThat(w.check(0)).isEqualTo(Supplementary.NONE);
    assertReason(() -> w.check(-1), Reason.DUPLICATE_TOKEN);
  }

  @Test
  void rejectedNumbersDoNotMoveTheWindow() throws Exception {
    SequenceWindow w = new SequenceWindow(0, true, true);
    w.check(0);
    assertReason(() -> w.check(0), Reason.DUPLICATE_TOKEN);
    assertThat(w.check(1)).isEqualTo(Supplementary.NONE);
  }

  @Test
  void sequenceDetectionAloneStillRefusesDuplicates() throws Exception {
    SequenceWindow w = new SequenceWindow(0, false, true);
    assertThat(w.check(1)).isEqualTo(Supplementary.GAP);
    assertThat(w.check(0)).isEqualTo(Supplementary.UNSEQ);
    assertReason(() -> w.check(0), Reason.DUPLICATE_TOKEN);
  }

  private interface Call {
    void run() throws Exception;
  }

  @Test
  void thirtyTwoBitNumbersWrapAroundLikeMitsRfc1964Window() throws Exception {
    SequenceWindow w = SequenceWindow.of32Bits(0xffff_fffeL, true, true);
    assertThat(w.check(0xffff_fffeL)).isEqualTo(Supplementary.NONE);
    assertThat(w.check(0xffff_ffffL)).isEqualTo(Supplementary.NONE);
    assertThat(w.check(0)).isEqualTo(Supplementary.NONE);
    assertThat(w.check(2)).isEqualTo(Supplementary.GAP);
    assertThat(w.check(1)).isEqualTo(Supplementary.UNSEQ);
    assertReason(() -> w.check(0xffff_ffffL), Reason.DUPLICATE_TOKEN);
    assertReason(() -> w.check(0xffff_ff00L), Reason.OLD_TOKEN);

    SequenceWindow wide = new SequenceWindow(0xffff_ffffL, true, true);
    wide.check(0xffff_ffffL);
    assertReason(() -> wide.check(0), Reason.OLD_TOKEN);
  }

  private static void assertReason(Call call, Reason reason) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(RejectedException.class,
        e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
