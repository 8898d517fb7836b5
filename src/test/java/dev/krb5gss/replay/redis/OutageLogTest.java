package dev.krb5gss.replay.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.web.LogCapture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** An outage is logged once when it starts, at most once a minute while it lasts, once when over. */
class OutageLogTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  @Test
  void oneWarningPerMinuteWhileItLastsAndOneInfoWhenItEnds() {
    AtomicLong now = new AtomicLong(-5 * SECOND);
    OutageLog outage = new OutageLog("redis://cache:6379/0", now::get);
    try (LogCapture log = LogCapture.of(RedisReplayCache.class.getName(), Level.INFO)) {
      outage.failure("RedisConnectionException: refused");
      for (int i = 0; i < 59; i++) {
        now.addAndGet(SECOND);
        outage.failure("RedisConnectionException: refused");
      }
      assertThat(warnings(log)).hasSize(1);
      assertThat(log.messages().get(0)).isEqualTo("replay cache redis://cache:6379/0 unavailable: "
          + "RedisConnectionException: refused (logged at most once a minute while it lasts)");
      assertThat(outage.isDown()).isTrue();

      now.addAndGet(SECOND);
      outage.failure("TimeoutException: no answer within 50 ms");
      assertThat(warnings(log)).hasSize(2);
      assertThat(log.messages().get(1)).contains("(60 tokens since the last warning)")
          .contains("TimeoutException: no answer within 50 ms");

      outage.success();
      outage.success();
      assertThat(log.records()).hasSize(3);
      assertThat(log.records().get(2).getLevel()).isEqualTo(Level.INFO);
      assertThat(log.messages().get(2))
          .isEqualTo("replay cache redis://cache:6379/0 available again after 61 tokens met the outage");
      assertThat(outage.isDown()).isFalse();

      now.addAndGet(SECOND);
      outage.failure("RedisException: Currently not connected");
      assertThat(warnings(log)).as("a new outage warns at once").hasSize(3);
    }
  }

  private static java.util.List<LogRecord> warnings(LogCapture log) {
    return log.records().stream().filter(r -> r.getLevel() == Level.WARNING)
        .collect(java.util.stream.Collectors.toList());
  }
}
