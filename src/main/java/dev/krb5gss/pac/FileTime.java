package dev.krb5gss.pac;

import java.time.Instant;
import java.util.Optional;

/**
 * FILETIME (MS-DTYP §2.3.3): 100-ns intervals since 1601-01-01 UTC. KERB_VALIDATION_INFO uses
 * 0x7FFFFFFFFFFFFFFF for "never" and 0 for "not set" (MS-PAC §2.5).
 */
final class FileTime {
  /** Seconds from 1601-01-01 to 1970-01-01. */
  static final long EPOCH_DELTA_SECONDS = 11_644_473_600L;
  private static final long TICKS_PER_SECOND = 10_000_000L;

  private FileTime() {}

  /** The instant, for any value (unsigned 64-bit read as signed stays below 2^63). */
  static Instant toInstant(long fileTime) {
    long seconds = Long.divideUnsigned(fileTime, TICKS_PER_SECOND) - EPOCH_DELTA_SECONDS;
    long nanos = Long.remainderUnsigned(fileTime, TICKS_PER_SECOND) * 100;
    return Instant.ofEpochSecond(seconds, nanos);
  }

  /** The instant, or empty for 0 ("not set") and 0x7FFFFFFFFFFFFFFF ("never"). */
  static Optional<Instant> optional(long fileTime) {
    if (fileTime == 0 || fileTime == Long.MAX_VALUE || fileTime == -1) {
      return Optional.empty();
    }
    return Optional.of(toInstant(fileTime));
  }

  static long fromInstant(Instant t) {
    return (t.getEpochSecond() + EPOCH_DELTA_SECONDS) * TICKS_PER_SECOND + t.getNano() / 100;
  }
}
