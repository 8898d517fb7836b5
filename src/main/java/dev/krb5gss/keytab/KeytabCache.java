package dev.krb5gss.keytab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parsed keytabs shared across the JVM, keyed by file identity, size and modification time, so
 * that per-request credential acquisition (Tomcat logs in on every request) never re-reads,
 * re-parses or re-derives keys for an unchanged file. Key sources asked on every accept use
 * {@link #recent}, which looks at the file (one {@code stat}) at most once per
 * {@link #RECHECK_INTERVAL}, as {@link ReloadingKeytab} does.
 */
public final class KeytabCache {
  /** How long {@link #recent} trusts a looked-at file to be unchanged. */
  public static final java.time.Duration RECHECK_INTERVAL = java.time.Duration.ofSeconds(1);
  private static final long RECHECK_NANOS = RECHECK_INTERVAL.toNanos();
  /** The least time between two looks forced by key misses ({@link #now}). */
  public static final java.time.Duration MIN_FORCED_LOOK = java.time.Duration.ofMillis(50);
  private static final long MIN_FORCED_NANOS = MIN_FORCED_LOOK.toNanos();
  private static final ConcurrentHashMap<Path, Entry> CACHE = new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<Path, Looked> LOOKED = new ConcurrentHashMap<>();

  private KeytabCache() {}

  /**
   * The keys of the keytab at {@code path}, parsed once per version of the file.
   *
   * @throws IOException if the file cannot be read (the message names the path)
   * @throws KeytabFormatException if it is not a valid keytab
   */
  public static ServiceKeyTable load(Path path) throws IOException, KeytabFormatException {
    Path real = path.toAbsolutePath().normalize();
    FileVersion version = FileVersion.of(real);
    Entry cached = CACHE.get(real);
    if (cached != null && cached.version.equals(version)) {
      return cached.table;
    }
    if (!Files.isRegularFile(real) || version.size() > KeytabParser.MAX_FILE_SIZE) {
      throw new KeytabFormatException(real + " is not a regular file of at most "
          + KeytabParser.MAX_FILE_SIZE + " bytes (" + version.size() + " bytes)");
    }
    byte[] file = Files.readAllBytes(real);
    try {
      ServiceKeyTable table = ServiceKeyTable.of(KeytabParser.parse(file));
      Entry previous = CACHE.put(real, new Entry(version, table));
      if (previous != null && !previous.version.equals(version)) {
        dev.krb5gss.observe.KeytabReloads.record();
      }
      return table;
    } finally {
      java.util.Arrays.fill(file, (byte) 0); // every key of the file, in clear
    }
  }

  /**
   * As {@link #load}, but a file looked at less than {@link #RECHECK_INTERVAL} ago is not looked
   * at again: for key sources consulted on every accept, so an accept costs no system call. A
   * rewritten keytab is seen within the interval.
   */
  public static ServiceKeyTable recent(Path path) throws IOException, KeytabFormatException {
    return lookedWithin(path, RECHECK_NANOS);
  }

  /**
   * As {@link #recent}, but looks at the file now unless it was looked at in the last
   * {@link #MIN_FORCED_LOOK}: for a ticket whose key {@link #recent} did not have.
   */
  public static ServiceKeyTable now(Path path) throws IOException, KeytabFormatException {
    return lookedWithin(path, MIN_FORCED_NANOS);
  }

  /** The table last looked at, unless that was {@code nanos} or longer ago: then {@link #load}. */
  private static ServiceKeyTable lookedWithin(Path path, long nanos)
      throws IOException, KeytabFormatException {
    Path real = path.toAbsolutePath().normalize();
    long now = System.nanoTime();
    Looked looked = LOOKED.get(real);
    if (looked != null && now - looked.at < nanos) {
      return looked.table;
    }
    ServiceKeyTable table = load(real);
    LOOKED.put(real, new Looked(table, now));
    return table;
  }

  /** Forgets every cached keytab (tests; or after a key compromise, to force a re-read). */
  public static void clear() {
    CACHE.clear();
    LOOKED.clear();
  }

  private record Looked(ServiceKeyTable table, long at) {}

  private static final class Entry {
    final FileVersion version;
    final ServiceKeyTable table;

    Entry(FileVersion version, ServiceKeyTable table) {
      this.version = version;
      this.table = table;
    }
  }
}
