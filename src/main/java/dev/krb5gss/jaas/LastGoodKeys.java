package dev.krb5gss.jaas;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long a login may go on with the keys of a keytab read before, once its file has become
 * unusable: from the first failed read until the file is valid again, for at most {@link #GRACE}.
 * A deployment tool that rewrites a keytab in place leaves it truncated, empty or missing for a
 * moment; a file that stays broken for an hour is a real problem, and logins fail again with
 * the file's own error.
 */
final class LastGoodKeys {
  /** The longest a broken file is bridged with the keys read before. */
  static final Duration GRACE = Duration.ofHours(1);

  private static final System.Logger LOG = System.getLogger(KeytabLoginModule.class.getName());
  private static final ConcurrentHashMap<Path, Instant> FAILING_SINCE = new ConcurrentHashMap<>();
  private static volatile Clock clock = Clock.systemUTC();

  private LastGoodKeys() {}

  /** The file read fine: any failure streak is over. */
  static void valid(Path file) {
    if (FAILING_SINCE.remove(file) != null) {
      LOG.log(Level.INFO, "keytab {0} is valid again; logins use it", file);
    }
  }

  /** The file failed to read now: whether the keys read before may still be used. */
  static boolean stillUsable(Path file) {
    Instant now = clock.instant();
    Instant since = FAILING_SINCE.computeIfAbsent(file, f -> now);
    return Duration.between(since, now).compareTo(GRACE) <= 0;
  }

  /** For tests: another clock. */
  static void useClock(Clock c) {
    clock = c;
  }
}
