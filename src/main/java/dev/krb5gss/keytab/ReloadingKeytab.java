package dev.krb5gss.keytab;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * A keytab file (MIT keytab format) whose keys follow the file: at most once per check interval,
 * {@link #current()} compares the file's identity, size and modification time with the version
 * it last read, and re-reads it through {@link KeytabCache} when it changed. The keys in use are
 * then those of the file plus, for each principal and enctype of the file, the keys in use of
 * the highest kvno below the file's newest ({@link ServiceKeyTable#mergedWith}): after a key
 * rotation (RFC 4120 §7.5.5 kvno + 1) written as a fresh file, tickets issued under the previous
 * kvno still find their key until the next rotation. A file that disappears, fails to parse or
 * is empty (caught while being rewritten) leaves the keys in use unchanged and is logged as a
 * warning once per version.
 */
public final class ReloadingKeytab implements KeySource {
  private static final System.Logger LOG = System.getLogger(ReloadingKeytab.class.getName());
  private static final ConcurrentHashMap<SharedKey, ReloadingKeytab> SHARED =
      new ConcurrentHashMap<>();

  private final Path path;
  private final long intervalMillis;
  private final Clock clock;
  private final ReentrantLock reloading = new ReentrantLock();
  private volatile State state;
  private volatile long lastForced = Long.MIN_VALUE / 2;

  private ReloadingKeytab(Path path, Duration interval, Clock clock, State initial) {
    this.path = path;
    this.intervalMillis = interval.toMillis();
    this.clock = clock;
    this.state = initial;
  }

  /**
   * Reads {@code path} now and returns a source that re-checks it at most every
   * {@code checkInterval} ({@link Duration#ZERO}: on every call) by {@code clock}.
   *
   * @throws IOException if the file cannot be read (the message names the path)
   * @throws KeytabFormatException if it is not a valid keytab
   */
  public static ReloadingKeytab open(Path path, Duration checkInterval, Clock clock)
      throws IOException, KeytabFormatException {
    if (checkInterval.isNegative()) {
      throw new IllegalArgumentException("negative check interval " + checkInterval);
    }
    Path real = path.toAbsolutePath().normalize();
    FileVersion version = FileVersion.of(real);
    ServiceKeyTable table = KeytabCache.load(real);
    State initial = new State(version, table, clock.millis() + checkInterval.toMillis());
    return new ReloadingKeytab(real, checkInterval, Objects.requireNonNull(clock, "clock"), initial);
  }

  /**
   * The JVM-wide source for {@code path} and {@code checkInterval} on the system clock, so that
   * repeated logins (a servlet container may log in per request) share one history of key
   * versions; the file is checked now.
   */
  public static ReloadingKeytab shared(Path path, Duration checkInterval)
      throws IOException, KeytabFormatException {
    SharedKey key = new SharedKey(path.toAbsolutePath().normalize(), checkInterval);
    ReloadingKeytab existing = SHARED.get(key);
    if (existing != null) {
      existing.reloadNow();
      return existing;
    }
    ReloadingKeytab created = open(key.path, checkInterval, Clock.systemUTC());
    ReloadingKeytab raced = SHARED.putIfAbsent(key, created);
    return raced != null ? raced : created;
  }

  /**
   * The JVM-wide source for {@code path} and {@code checkInterval} if {@link #shared} opened one
   * (the file was valid then), without touching the file.
   */
  public static java.util.Optional<ReloadingKeytab> sharedIfOpen(Path path,
      Duration checkInterval) {
    return java.util.Optional.ofNullable(
        SHARED.get(new SharedKey(path.toAbsolutePath().normalize(), checkInterval)));
  }

  /** The keys to use now; re-reads the file first when the check interval has passed. */
  @Override
  public ServiceKeyTable current() {
    State s = state;
    if (clock.millis() >= s.nextCheck && reloading.tryLock()) {
      try {
        refresh(false);
      } catch (IOException | KeytabFormatException e) {
        // refresh(false) logs and keeps the keys in use
      } finally {
        reloading.unlock();
      }
    }
    return state.merged;
  }

  /**
   * Checks the file now (at most once per {@link KeytabCache#MIN_FORCED_LOOK}, so a flood of
   * tickets naming unknown kvnos is not a flood of file reads) and returns the keys then in use.
   */
  @Override
  public ServiceKeyTable checkedNow() {
    long now = clock.millis();
    if (now - lastForced >= KeytabCache.MIN_FORCED_LOOK.toMillis() && reloading.tryLock()) {
      try {
        lastForced = now;
        refresh(false);
      } catch (IOException | KeytabFormatException e) {
        // refresh(false) logs and keeps the keys in use
      } finally {
        reloading.unlock();
      }
    }
    return state.merged;
  }

  /**
   * Checks the file now, whatever the interval, and returns the keys then in use.
   *
   * @throws IOException if the file cannot be read now (the keys in use are kept)
   * @throws KeytabFormatException if it no longer parses (the keys in use are kept)
   */
  public ServiceKeyTable reloadNow() throws IOException, KeytabFormatException {
    reloading.lock();
    try {
      refresh(true);
      return state.merged;
    } finally {
      reloading.unlock();
    }
  }

  /** The keytab file (absolute). */
  public Path path() {
    return path;
  }

  /** The check interval. */
  public Duration checkInterval() {
    return Duration.ofMillis(intervalMillis);
  }

  private void refresh(boolean rethrow) throws IOException, KeytabFormatException {
    State s = state;
    long next = clock.millis() + intervalMillis;
    try {
      FileVersion seen = FileVersion.of(path);
      if (seen.equals(s.version)) {
        state = s.rescheduled(next);
        return;
      }
      ServiceKeyTable fresh = KeytabCache.load(path);
      if (fresh.isEmpty() && !s.merged.isEmpty()) {
        throw new KeytabFormatException("the keytab holds no keys (being rewritten?)");
      }
      state = new State(seen, fresh.mergedWith(previousKvnos(fresh, s.merged)), next);
      LOG.log(Level.INFO, "keytab {0} changed: now {1} keys {2} (previous version''s keys kept)",
          path, fresh.keys().size(), kvnos(fresh));
    } catch (IOException | KeytabFormatException e) {
      FileVersion failed = s.failedVersion;
      state = s.failed(next, FileVersion.attempted(path));
      if (!Objects.equals(failed, state.failedVersion)) {
        LOG.log(Level.WARNING, "keytab {0} could not be re-read, keeping the keys in use: {1}",
            path, e.toString());
      }
      if (rethrow) {
        throw e;
      }
    }
  }

  /** The keys in use of the highest kvno below the file's newest, per principal and enctype. */
  static ServiceKeyTable previousKvnos(ServiceKeyTable fresh, ServiceKeyTable inUse) {
    List<ServiceKey> kept = new java.util.ArrayList<>();
    for (ServiceKey newest : fresh.keys()) {
      List<ServiceKey> same = inUse.keysFor(newest.principal()).stream()
          .filter(k -> k.encType().equals(newest.encType())).collect(Collectors.toList());
      int top = fresh.keysFor(newest.principal()).stream()
          .filter(k -> k.encType().equals(newest.encType())).mapToInt(ServiceKey::kvno).max()
          .orElse(newest.kvno());
      same.stream().mapToInt(ServiceKey::kvno).filter(v -> v < top).max().ifPresent(prev ->
          same.stream().filter(k -> k.kvno() == prev && !kept.contains(k)).forEach(kept::add));
    }
    return ServiceKeyTable.of(kept);
  }

  private static List<String> kvnos(ServiceKeyTable table) {
    return table.keys().stream().map(k -> k.principal() + " kvno " + k.kvno())
        .distinct().collect(Collectors.toList());
  }

  @Override
  public String toString() {
    return "ReloadingKeytab[" + path + ", every " + intervalMillis + " ms]";
  }

  /** The file version read, the keys in use, when to look again, and a version that failed. */
  private static final class State {
    final FileVersion version;
    final ServiceKeyTable merged;
    final long nextCheck;
    final FileVersion failedVersion;

    State(FileVersion version, ServiceKeyTable merged, long nextCheck) {
      this(version, merged, nextCheck, null);
    }

    private State(FileVersion version, ServiceKeyTable merged, long nextCheck, FileVersion failedVersion) {
      this.version = version;
      this.merged = merged;
      this.nextCheck = nextCheck;
      this.failedVersion = failedVersion;
    }

    State rescheduled(long next) {
      return new State(version, merged, next, null);
    }

    State failed(long next, FileVersion attempted) {
      return new State(version, merged, next, attempted);
    }
  }

  private static final class SharedKey {
    final Path path;
    final Duration interval;

    SharedKey(Path path, Duration interval) {
      this.path = path;
      this.interval = interval;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof SharedKey && ((SharedKey) o).path.equals(path)
          && ((SharedKey) o).interval.equals(interval);
    }

    @Override
    public int hashCode() {
      return path.hashCode() * 31 + interval.hashCode();
    }
  }
}
