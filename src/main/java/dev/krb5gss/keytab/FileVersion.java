package dev.krb5gss.keytab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A version of a file: its identity (inode), size and modification time. A keytab is re-parsed
 * only when this changes.
 */
record FileVersion(Object fileKey, long size, long modified) {
  /** The version of a file whose attributes cannot be read. */
  static final FileVersion MISSING = new FileVersion(null, -1, -1);

  static FileVersion of(Path path) throws IOException {
    BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
    return new FileVersion(a.fileKey(), a.size(), a.lastModifiedTime().toMillis());
  }

  /** The version that failed to load, or {@link #MISSING} when even its attributes are unreadable. */
  static FileVersion attempted(Path path) {
    try {
      return of(path);
    } catch (IOException e) {
      return MISSING;
    }
  }
}
