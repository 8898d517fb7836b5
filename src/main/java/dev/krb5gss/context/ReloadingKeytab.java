package dev.krb5gss.context;

import dev.krb5gss.keytab.KeySource;
import dev.krb5gss.keytab.KeytabCache;
import dev.krb5gss.keytab.KeytabFormatException;
import dev.krb5gss.keytab.ServiceKeyTable;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;

/**
 * A keytab file as a key source: re-read through {@link KeytabCache} when it changes; if a new
 * version cannot be read (half-written during a rotation), the last good keys stay in use.
 */
final class ReloadingKeytab implements KeySource {
  private static final System.Logger LOG = System.getLogger(ReloadingKeytab.class.getName());

  private final Path file;
  private volatile ServiceKeyTable lastGood;

  ReloadingKeytab(Path file) {
    this.file = file;
    this.lastGood = ServiceKeyTable.of(java.util.List.of());
  }

  @Override
  public ServiceKeyTable current() {
    try {
      lastGood = KeytabCache.load(file);
    } catch (IOException | KeytabFormatException e) {
      LOG.log(Level.WARNING, "cannot re-read keytab {0}, keeping its last good keys: {1}",
          file, e.getMessage());
    }
    return lastGood;
  }

  @Override
  public String toString() {
    return "keytab " + file;
  }
}
