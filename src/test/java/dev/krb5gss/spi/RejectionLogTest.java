package dev.krb5gss.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.web.LogCapture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** The provider's rejection log: one line per rejection, at most ten per reason and minute. */
class RejectionLogTest {
  private static final String NAME = "dev.krb5gss.spi.RejectionLogTest";

  @Test
  void aFloodIsCutToTenLinesPerReasonAndMinuteThenCounted() {
    AtomicLong nanos = new AtomicLong(1_000);
    try (LogCapture captured = LogCapture.of(NAME, Level.ALL)) {
      RejectionLog log = new RejectionLog(System.getLogger(NAME), 10, nanos::get);
      for (int i = 0; i < 25; i++) {
        log.rejected(new RejectedException(Reason.REPLAY, "the authenticator was seen before"));
      }
      log.rejected(new RejectedException(Reason.CLOCK_SKEW, "the client's clock is 9 min behind"));
      assertThat(captured.messages()).hasSize(11)
          .allSatisfy(m -> assertThat(m).startsWith("krb5gss rejected a token"));
      assertThat(captured.messages().get(10)).contains("CLOCK_SKEW: the client's clock");

      nanos.addAndGet(61_000_000_000L);
      log.rejected(new RejectedException(Reason.REPLAY, "the authenticator was seen before"));

      assertThat(captured.messages()).hasSize(13);
      assertThat(captured.messages().get(11)).contains("15 more tokens with REPLAY");
      assertThat(captured.messages().get(12)).contains("REPLAY: the authenticator was seen");
      assertThat(captured.records()).allSatisfy(r ->
          assertThat(r.getLevel()).isEqualTo(Level.WARNING));
    }
  }
}
