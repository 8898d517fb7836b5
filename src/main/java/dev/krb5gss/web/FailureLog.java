package dev.krb5gss.web;

import dev.krb5gss.der.PeerText;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * One log line per rejected Negotiate exchange, on the logger {@value #LOGGER}: the reason, the
 * client's address and the rejection's message (which by the project's rules never holds key
 * material, plaintext or token bytes). The token itself is never logged. Messages quote names a
 * peer chose, so the address and the message are escaped ({@link PeerText#escape}: no line
 * breaks, C1 controls or bidi overrides) and the message is capped at
 * {@value #MAX_MESSAGE_CHARS} chars: one rejection is one line of bounded length.
 *
 * <p>Rate-limited per {@link Reason}, so a flood of bad tokens cannot fill the disk: at most
 * {@value #PER_MINUTE} lines per reason and minute (system property {@value #PER_MINUTE_PROPERTY}
 * to change it), then one line counting those left out when the minute ends and the next
 * rejection of that reason arrives.
 */
public final class FailureLog {
  /** The logger name; route it with the container's logging configuration. */
  public static final String LOGGER = "dev.krb5gss.web";

  /** The longest rejection message quoted in a line, in chars. */
  public static final int MAX_MESSAGE_CHARS = 2048;

  /** Lines per reason and minute by default. */
  public static final int PER_MINUTE = 100;

  /** System property overriding {@link #PER_MINUTE} (read per line). */
  public static final String PER_MINUTE_PROPERTY = "krb5gss.failureLog.perMinute";

  private static final long MINUTE_NANOS = 60_000_000_000L;
  private static final FailureLog SHARED = new FailureLog(System.getLogger(LOGGER),
      () -> Integer.getInteger(PER_MINUTE_PROPERTY, PER_MINUTE), System::nanoTime);

  private final System.Logger log;
  private final IntSupplier perMinute;
  private final LongSupplier nanos;
  private final Map<Reason, Window> windows = new ConcurrentHashMap<>();

  FailureLog(System.Logger log, IntSupplier perMinute, LongSupplier nanos) {
    this.log = log;
    this.perMinute = perMinute;
    this.nanos = nanos;
  }

  /** Logs our own fault while serving the client at {@code clientAddress}, with its stack trace. */
  public static void internal(String clientAddress, RuntimeException fault) {
    SHARED.log.log(Level.ERROR, "Negotiate authentication from "
        + PeerText.forLog(clientAddress, 256) + " failed with an internal fault", fault);
  }

  /** Logs {@code rejection} for the client at {@code clientAddress} (rate-limited per reason). */
  public static void rejected(String clientAddress, int status, RejectedException rejection) {
    SHARED.record(clientAddress, status, rejection);
  }

  void record(String clientAddress, int status, RejectedException rejection) {
    windows.computeIfAbsent(rejection.reason(), r -> new Window())
        .record(clientAddress, status, rejection);
  }

  /** The lines of one reason in the current minute. */
  private final class Window {
    private long start = nanos.getAsLong();
    private int logged;
    private int suppressed;

    synchronized void record(String clientAddress, int status, RejectedException rejection) {
      long now = nanos.getAsLong();
      if (now - start >= MINUTE_NANOS) {
        if (suppressed > 0) {
          log.log(Level.WARNING, "{0} more Negotiate authentications failed with {1} in the last"
              + " minute (not logged one by one: at most {2} lines per reason and minute)",
              suppressed, rejection.reason(), perMinute.getAsInt());
        }
        start = now;
        logged = 0;
        suppressed = 0;
      }
      if (logged < perMinute.getAsInt()) {
        logged++;
        log.log(Level.WARNING, "Negotiate authentication from {0} failed with {1}: {2}",
            PeerText.forLog(clientAddress, 256), status,
            PeerText.forLog(String.valueOf(rejection.getMessage()), MAX_MESSAGE_CHARS));
      } else {
        suppressed++;
      }
    }
  }
}
