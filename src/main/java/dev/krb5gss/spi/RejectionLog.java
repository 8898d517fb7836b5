package dev.krb5gss.spi;

import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One WARNING line per token the provider rejects (the drop-in route, where the container logs
 * GSS failures only at debug), rate-limited per {@link Reason}: at most {@link #PER_MINUTE} lines
 * per reason and minute, then one line counting those left out, so a flood of bad tokens cannot
 * fill the disk. The line holds the reason and the rejection's message (which never holds key
 * material, plaintext or token bytes); the client's address is not known to a GSS-API context.
 */
final class RejectionLog {
  /** The logger name; route it with the container's logging configuration. */
  static final String LOGGER = "dev.krb5gss.spi.rejections";
  static final int PER_MINUTE = 10;
  /** System property overriding {@link #PER_MINUTE} for the provider's log (read per line). */
  static final String PER_MINUTE_PROPERTY = "krb5gss.rejectionLog.perMinute";
  private static final long MINUTE_NANOS = 60_000_000_000L;
  private static final RejectionLog SHARED = new RejectionLog(System.getLogger(LOGGER),
      () -> Integer.getInteger(PER_MINUTE_PROPERTY, PER_MINUTE), System::nanoTime);

  private final System.Logger log;
  private final java.util.function.IntSupplier perMinute;
  private final LongSupplier nanos;
  private final Map<Reason, Window> windows = new ConcurrentHashMap<>();

  RejectionLog(System.Logger log, int perMinute, LongSupplier nanos) {
    this(log, () -> perMinute, nanos);
  }

  private RejectionLog(System.Logger log, java.util.function.IntSupplier perMinute,
      LongSupplier nanos) {
    this.log = log;
    this.perMinute = perMinute;
    this.nanos = nanos;
  }

  /** The provider's log. */
  static RejectionLog shared() {
    return SHARED;
  }

  /** Logs {@code rejection} unless its reason has had its lines this minute. */
  void rejected(RejectedException rejection) {
    Reason reason = rejection.reason();
    windows.computeIfAbsent(reason, r -> new Window()).record(rejection);
  }

  /** The lines of one reason in the current minute. */
  private final class Window {
    private long start = nanos.getAsLong();
    private int logged;
    private int suppressed;

    synchronized void record(RejectedException rejection) {
      long now = nanos.getAsLong();
      if (now - start >= MINUTE_NANOS) {
        if (suppressed > 0) {
          log.log(Level.WARNING, "krb5gss rejected {0} more tokens with {1} in the last minute "
              + "(not logged one by one: at most {2} lines per reason and minute)", suppressed,
              rejection.reason(), perMinute.getAsInt());
        }
        start = now;
        logged = 0;
        suppressed = 0;
      }
      if (logged < perMinute.getAsInt()) {
        logged++;
        log.log(Level.WARNING, "krb5gss rejected a token (GSS-API acceptor, client address "
            + "unknown to GSS): {0}", rejection.getMessage());
      } else {
        suppressed++;
      }
    }
  }
}
