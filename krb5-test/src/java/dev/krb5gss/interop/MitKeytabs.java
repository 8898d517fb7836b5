package dev.krb5gss.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keytabs (RFC 4120 §5.3 service keys with their kvnos) written and read by MIT's own tools:
 * {@code kadmin.local ktadd}, {@code ktutil} and {@code klist -k}. One file may hold several
 * principals, kvnos and enctypes.
 */
public final class MitKeytabs {
  private static final Pattern KEYTAB_LINE =
      Pattern.compile("(?m)^\\s*(\\d+) (\\S+) \\((\\S+)\\)\\s*$");

  private final MitKdc kdc;

  MitKeytabs(MitKdc kdc) {
    this.kdc = kdc;
  }

  /**
   * Appends new random keys for the principals to a keytab ({@code ktadd}): the KDC's key version
   * goes up by one and the keytab keeps the older versions it already holds.
   */
  public void ktadd(Path keytab, String enctypes, String... principals) throws IOException {
    kdc.kadmin("ktadd -k " + keytab + " -e " + enctypes + " " + String.join(" ", principals));
  }

  /** Appends the principals' current keys to a keytab without changing them ({@code -norandkey}). */
  public void exportKeys(Path keytab, String... principals) throws IOException {
    kdc.kadmin("ktadd -norandkey -k " + keytab + " " + String.join(" ", principals));
  }

  /**
   * Appends the principal's current keys to a keytab except those of one enctype (MIT name, e.g.
   * {@code aes256-cts-hmac-sha1-96}): exported by ktadd to a scratch keytab, then copied without
   * that enctype by MIT's ktutil.
   */
  public void exportKeysExcept(Path keytab, String principal, String enctype) throws IOException {
    Path scratch = kdc.file("scratch-" + System.nanoTime() + ".keytab");
    Files.deleteIfExists(scratch);
    exportKeys(scratch, principal);
    List<KeytabEntry> entries = entries(scratch);
    StringBuilder script = new StringBuilder("rkt " + scratch + "\n");
    for (int slot = entries.size(); slot >= 1; slot--) {
      if (entries.get(slot - 1).enctype().equals(enctype)) {
        script.append("delent ").append(slot).append('\n');
      }
    }
    script.append("wkt ").append(keytab).append("\nquit\n");
    ProcessResult result = Commands.run(kdc.command(MitTool.KTUTIL), kdc.env(kdc.file("cc-none")),
        script.toString(), MitKdc.COMMAND_TIMEOUT).orThrow();
    if (!result.stderr().isBlank()) {
      throw new IllegalStateException("ktutil failed: " + result.describe());
    }
  }

  /** The entries of a keytab as MIT's {@code klist -k -e} lists them. */
  public List<KeytabEntry> entries(Path keytab) throws IOException {
    String out = kdc.run(MitTool.KLIST, "-k", "-e", keytab.toString()).orThrow().stdout();
    List<KeytabEntry> entries = new ArrayList<>();
    Matcher m = KEYTAB_LINE.matcher(out);
    while (m.find()) {
      entries.add(new KeytabEntry(m.group(2), Integer.parseInt(m.group(1)), m.group(3)));
    }
    return entries;
  }
}
