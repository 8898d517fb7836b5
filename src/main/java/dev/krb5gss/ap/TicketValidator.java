package dev.krb5gss.ap;

import dev.krb5gss.ap.KerberosMessages.TicketContents;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import java.time.Duration;
import java.time.Instant;

/**
 * The time checks of RFC 4120 §3.2.3: the authenticator's ctime within the allowed clock skew of
 * ours, the ticket's start time (or auth time) not more than the skew in the future, its end time
 * not more than the skew in the past, and no INVALID flag.
 */
final class TicketValidator {
  private TicketValidator() {}

  /** Checks the authenticator time {@code ctime} plus {@code cusec} against {@code now}. */
  static void checkSkew(Instant ctime, int cusec, Instant now, Duration maxSkew)
      throws RejectedException {
    // In seconds and nanoseconds, no Instant made on the way (Duration.abs() would even multiply
    // through a BigDecimal): |ctime + cusec - now| <= maxSkew. The seconds first, so a ctime
    // years away (a peer's field) cannot overflow the nanoseconds.
    long seconds = ctime.getEpochSecond() - now.getEpochSecond();
    long skewSeconds = maxSkew.getSeconds();
    if (seconds > -skewSeconds - 2 && seconds < skewSeconds + 2) {
      long nanos = seconds * 1_000_000_000L + ctime.getNano() + cusec * 1000L - now.getNano();
      long skewNanos = skewSeconds * 1_000_000_000L + maxSkew.getNano();
      if (nanos <= skewNanos && nanos >= -skewNanos) {
        return;
      }
    }
    rejectSkew(ctime.plusNanos(cusec * 1000L), now, maxSkew);
  }

  private static void rejectSkew(Instant ctime, Instant now, Duration maxSkew)
      throws RejectedException {
    Duration delta = Duration.between(now, ctime);
    throw new RejectedException(Reason.CLOCK_SKEW, "the client's clock is "
        + human(delta.abs()) + (delta.isNegative() ? " behind" : " ahead of") + " ours"
        + " (authenticator time " + ctime + ", acceptor time " + now
        + "), more than the allowed skew of " + human(maxSkew) + ": synchronise the clocks (NTP)");
  }

  static void checkTicket(TicketContents t, Instant now, Duration maxSkew)
      throws RejectedException {
    if ((t.flags() & KerberosMessages.TKT_INVALID) != 0) {
      throw new RejectedException(Reason.TICKET_NOT_YET_VALID, "the ticket for " + t.client()
          + " carries the INVALID flag (a postdated ticket the KDC has not validated yet)");
    }
    Instant start = t.startTime() != null ? t.startTime() : t.authTime();
    if (start.minus(maxSkew).isAfter(now)) {
      throw new RejectedException(Reason.TICKET_NOT_YET_VALID, "the ticket for " + t.client()
          + " is valid from " + start + ", " + human(Duration.between(now, start))
          + " from now (" + now + "), beyond the allowed skew of " + human(maxSkew));
    }
    if (t.endTime().plus(maxSkew).isBefore(now)) {
      throw new RejectedException(Reason.TICKET_EXPIRED, "the ticket for " + t.client()
          + " expired at " + t.endTime() + ", " + human(Duration.between(t.endTime(), now))
          + " ago (allowed skew " + human(maxSkew) + "): the client must get a new ticket");
    }
  }

  /** {@code 7m12s}, {@code 1h0m5s}, {@code 45s}, {@code 0.250s}. */
  static String human(Duration d) {
    long s = d.getSeconds();
    if (s == 0) {
      return String.format("%d.%03ds", 0, d.toMillisPart());
    }
    StringBuilder sb = new StringBuilder();
    if (s >= 86400) {
      sb.append(s / 86400).append('d');
    }
    if (s >= 3600) {
      sb.append(s % 86400 / 3600).append('h');
    }
    if (s >= 60) {
      sb.append(s % 3600 / 60).append('m');
    }
    return sb.append(s % 60).append('s').toString();
  }
}
