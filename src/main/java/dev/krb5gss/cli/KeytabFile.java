package dev.krb5gss.cli;

import dev.krb5gss.keytab.KeytabFormatException;
import dev.krb5gss.keytab.KeytabParser;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a keytab for listing: its entries (no key bytes kept) and the file-level findings, an
 * unreadable file or one that group or others may read (a keytab is a password: mode 0600 or
 * 0400, owned by the service's user).
 */
final class KeytabFile {
  private KeytabFile() {}

  /** The listing, or empty after adding the finding that says why there is none. */
  static Optional<List<KeytabParser.Listing>> read(Path file, Report report) {
    checkMode(file, report);
    byte[] bytes = null;
    try {
      long size = Files.size(file);
      if (size > KeytabParser.MAX_FILE_SIZE) {
        report.add(Finding.error("KEYTAB_INVALID", file + " is " + size + " bytes, more than "
            + KeytabParser.MAX_FILE_SIZE + ": not a keytab"));
        return Optional.empty();
      }
      bytes = Files.readAllBytes(file);
      return Optional.of(KeytabParser.list(bytes));
    } catch (NoSuchFileException e) {
      report.add(Finding.error("KEYTAB_MISSING", file + " does not exist"));
    } catch (AccessDeniedException e) {
      report.add(Finding.error("KEYTAB_UNREADABLE", file + " is not readable by this user"
          + " (run as the service's user, or check the file's owner and mode)"));
    } catch (IOException e) {
      report.add(Finding.error("KEYTAB_UNREADABLE", "cannot read " + file + ": " + e));
    } catch (KeytabFormatException e) {
      report.add(Finding.error("KEYTAB_INVALID", file + " is not a valid keytab: "
          + e.getMessage()));
    } finally {
      if (bytes != null) {
        Arrays.fill(bytes, (byte) 0);
      }
    }
    return Optional.empty();
  }

  private static void checkMode(Path file, Report report) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      report.put("mode", PosixFilePermissions.toString(perms));
      boolean group = perms.contains(PosixFilePermission.GROUP_READ);
      boolean others = perms.contains(PosixFilePermission.OTHERS_READ);
      if (group || others) {
        report.add(Finding.error("KEYTAB_MODE_TOO_OPEN", file + " has mode "
            + PosixFilePermissions.toString(perms) + ": " + (others ? "every user" : "its group")
            + " can read the service's keys; chmod 600 (owner: the service's user)"));
      }
    } catch (UnsupportedOperationException | IOException e) {
      // no POSIX modes on this file system, or no file: reading it reports the problem
    }
  }
}
