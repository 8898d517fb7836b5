package dev.krb5gss.token;

import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;

/**
 * Replay and sequence detection for received per-message tokens (RFC 2743 §1.2.3, RFC 4121
 * §4.2.3): 64-bit sequence numbers, a window of the last {@value #WINDOW} numbers below the next
 * expected one. A repeat within the window is a duplicate, a number below the window is old (both
 * rejected); a number ahead of the expected one is a gap, one inside the window not yet seen is
 * unsequenced (both delivered, reported as {@link Supplementary} when sequence detection was
 * negotiated). Call {@link #check} only for tokens whose integrity verified. Thread-safe.
 * RFC 4757 §7 (rc4-hmac) tokens carry 32-bit numbers: {@link #of32Bits} compares them modulo
 * 2^32, as MIT does for RFC 1964 contexts.
 */
final class SequenceWindow {
  static final int WINDOW = 64;

  private final boolean replay;
  private final boolean sequence;
  private final boolean narrow;   // 32-bit sequence numbers
  private long next;          // the next expected sequence number
  private long seen;          // bit i set: number (next - 1 - i) was received

  SequenceWindow(long initial, boolean replayDetect, boolean sequenceDetect) {
    this(initial, replayDetect, sequenceDetect, false);
  }

  private SequenceWindow(long initial, boolean replayDetect, boolean sequenceDetect,
      boolean narrow) {
    this.next = narrow ? initial & 0xffffffffL : initial;
    this.replay = replayDetect;
    this.sequence = sequenceDetect;
    this.narrow = narrow;
  }

  /** A window over 32-bit sequence numbers (the low 32 bits of {@code initial}). */
  static SequenceWindow of32Bits(long initial, boolean replayDetect, boolean sequenceDetect) {
    return new SequenceWindow(initial, replayDetect, sequenceDetect, true);
  }

  /** Records {@code seq}; returns the supplementary status or rejects a duplicate/old token. */
  synchronized Supplementary check(long seq) throws RejectedException {
    if (!replay && !sequence) {
      return Supplementary.NONE;
    }
    long ahead = narrow ? (int) (seq - next) : seq - next;    // modulo 2^32 or 2^64
    if (ahead >= 0) {
      shift(ahead + 1);
      seen |= 1L;
      next = narrow ? (seq + 1) & 0xffffffffL : seq + 1;
      return ahead == 0 || !sequence ? Supplementary.NONE : Supplementary.GAP;
    }
    long behind = -ahead;                          // 1 = the last accepted number
    if (behind > WINDOW) {
      throw new RejectedException(Reason.OLD_TOKEN, "sequence number is " + behind
          + " behind the next expected one, beyond the window of " + WINDOW);
    }
    long bit = 1L << (behind - 1);
    if ((seen & bit) != 0) {
      throw new RejectedException(Reason.DUPLICATE_TOKEN,
          "sequence number was already received (" + behind + " behind the next expected one)");
    }
    seen |= bit;
    return sequence ? Supplementary.UNSEQ : Supplementary.NONE;
  }

  private void shift(long by) {
    seen = by >= WINDOW ? 0 : seen << by;
  }

  @Override
  public synchronized String toString() {
    return "SequenceWindow[next=" + Long.toUnsignedString(next) + ", replay=" + replay
        + ", sequence=" + sequence + "]";
  }
}
