package dev.krb5gss.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * A WARNING line per rejection must stay one line of bounded length whatever a peer put in the
 * names a message quotes: no line or paragraph separators, no C1 controls (NEL, CSI), no bidi
 * overrides that reorder what an operator reads.
 */
class FailureLogTest {
  @Test
  void peerTextIsEscapedAndTheLineIsCapped() {
    String evil = "alice\u0085INFO forged\u2028x\u2029y\u009b31m\u202eevil\u2066z\u2069\r\n"
        + "B".repeat(64 * 1024) + " the fix at the end";
    RejectedException e = new RejectedException(Reason.SERVICE_NOT_IN_KEYTAB, evil);
    try (LogCapture log = LogCapture.of(FailureLog.LOGGER, Level.WARNING)) {
      FailureLog.rejected("10.0.0.1:1234\u2028forged", 401, e);
      assertThat(log.messages()).hasSize(1);
      String line = log.messages().get(0);
      assertThat(line).doesNotContain("\u0085", "\u2028", "\u2029", "\u009b", "\u202e",
          "\u2066", "\u2069", "\r", "\n");
      assertThat(line).contains("\\u0085", "\\u202e", "\\u2028", "alice", "10.0.0.1:1234",
          "the fix at the end", "chars omitted");
      assertThat(line.length()).isLessThan(FailureLog.MAX_MESSAGE_CHARS + 200);
    }
  }

  @Test
  void anOrdinaryMessageIsLoggedUnchanged() {
    RejectedException e = new RejectedException(Reason.REPLAY, "this authenticator from "
        + "jos\u00e9@EXAMPLE.COM was already accepted");
    try (LogCapture log = LogCapture.of(FailureLog.LOGGER, Level.WARNING)) {
      FailureLog.rejected("10.0.0.1:1234", 401, e);
      assertThat(log.messages()).containsExactly("Negotiate authentication from 10.0.0.1:1234 "
          + "failed with 401: REPLAY: this authenticator from jos\u00e9@EXAMPLE.COM was already accepted");
    }
  }

  /** A flood of rejections is a few lines a minute per reason, then one line with the count. */
  @Test
  void aFloodIsRateLimitedPerReasonWithACountLine() {
    long[] now = {0};
    FailureLog limited = new FailureLog(System.getLogger(FailureLog.LOGGER), () -> 3,
        () -> now[0]);
    RejectedException replay = new RejectedException(Reason.REPLAY, "seen before");
    RejectedException ntlm = new RejectedException(Reason.NTLM_OFFERED, "NTLM only");
    try (LogCapture log = LogCapture.of(FailureLog.LOGGER, Level.WARNING)) {
      for (int i = 0; i < 1000; i++) {
        limited.record("10.0.0." + (i % 250) + ":1", 401, replay);
      }
      limited.record("10.0.0.9:1", 401, ntlm);
      assertThat(log.messages()).hasSize(4);
      assertThat(log.messages().get(3)).contains("NTLM_OFFERED");

      now[0] += 60_000_000_000L;
      limited.record("10.0.0.1:1", 401, replay);
      assertThat(log.messages()).hasSize(6);
      assertThat(log.messages().get(4)).startsWith("997 more Negotiate authentications failed "
          + "with REPLAY in the last minute");
      assertThat(log.messages().get(5)).contains("REPLAY: seen before");
    }
  }
}
