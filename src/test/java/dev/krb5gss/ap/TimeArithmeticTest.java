package dev.krb5gss.ap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The skew check and replay expiry in seconds and nanoseconds agree with Instant arithmetic. */
class TimeArithmeticTest {
  private static final SplittableRandom RANDOM = new SplittableRandom(20261207);

  private static boolean withinByInstants(Instant ctime, int cusec, Instant now, Duration skew) {
    Instant t = ctime.plusNanos(cusec * 1000L);
    return !t.isAfter(now.plus(skew)) && !t.isBefore(now.minus(skew));
  }

  private static boolean within(Instant ctime, int cusec, Instant now, Duration skew) {
    try {
      TicketValidator.checkSkew(ctime, cusec, now, skew);
      return true;
    } catch (RejectedException e) {
      assertThat(e.reason()).isEqualTo(Reason.CLOCK_SKEW);
      return false;
    }
  }

  @Test
  void skewCheckAgreesWithInstantArithmeticAroundTheBoundary() {
    for (int i = 0; i < 200_000; i++) {
      Instant now = Instant.ofEpochSecond(1_700_000_000L + RANDOM.nextInt(1_000_000),
          RANDOM.nextInt(1_000_000_000));
      Duration skew = RANDOM.nextBoolean() ? Duration.ofMinutes(5)
          : Duration.ofSeconds(RANDOM.nextInt(600), RANDOM.nextInt(1_000_000_000));
      long offsetNanos = skew.toNanos() + RANDOM.nextLong(-3_000_000_000L, 3_000_000_000L);
      if (RANDOM.nextBoolean()) {
        offsetNanos = -offsetNanos;
      }
      Instant t = now.plusNanos(offsetNanos);
      Instant ctime = t.truncatedTo(ChronoUnit.SECONDS); // KerberosTime: whole seconds
      int cusec = RANDOM.nextInt(1_000_000);
      assertThat(within(ctime, cusec, now, skew))
          .as("ctime %s cusec %d now %s skew %s", ctime, cusec, now, skew)
          .isEqualTo(withinByInstants(ctime, cusec, now, skew));
    }
  }

  @Test
  void aCtimeFarAwayIsRefusedWithoutOverflow() {
    Instant now = Instant.parse("2026-12-07T12:00:00Z");
    for (Instant far : new Instant[] {Instant.parse("9999-12-31T23:59:59Z"),
        Instant.parse("0000-01-01T00:00:00Z"), now.plusSeconds(302), now.minusSeconds(302)}) {
      assertThatThrownBy(() -> TicketValidator.checkSkew(far, 999_999, now, Duration.ofMinutes(5)))
          .isInstanceOf(RejectedException.class).hasMessageContaining("synchronise the clocks");
    }
  }

  @Test
  void replayExpiryIsTheFirstWholeMillisecondAfterTimePlusSkew() {
    for (int i = 0; i < 200_000; i++) {
      Instant ctime = Instant.ofEpochSecond(1_700_000_000L + RANDOM.nextInt(1_000_000),
          RANDOM.nextInt(4) == 0 ? 0 : RANDOM.nextInt(1_000_000_000));
      int cusec = RANDOM.nextInt(1_000_000);
      Duration skew = Duration.ofSeconds(RANDOM.nextInt(900), RANDOM.nextInt(1_000_000_000));
      Instant last = ctime.plusNanos(cusec * 1000L).plus(skew);
      Instant expected = last.truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
      assertThat(ApAcceptor.replayExpiry(ctime, cusec, skew)).isEqualTo(expected);
    }
  }
}
