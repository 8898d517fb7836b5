package dev.krb5gss.jaas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.keytab.KeytabWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A keytab the service's user may not read: the message names the path, the user, the owner
 * and the mode. Root reads every file, so when the build runs as root the login runs in a child
 * JVM as user "nobody"; otherwise in this JVM against a mode-000 file.
 */
class UnreadableKeytabTest {
  private static final String HTTP = "HTTP/web.example.com@EXAMPLE.COM";
  private static final Path BASE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();

  @TempDir Path dir;

  @Test
  void theMessageNamesPathUserOwnerAndMode() throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path keytab = new KeytabWriter().add(HTTP, 1, 18).writeTo(dir.resolve("http.keytab"));
    String owner = Files.getOwner(keytab).getName();
    boolean root = "root".equals(System.getProperty("user.name"));
    Files.setPosixFilePermissions(keytab, PosixFilePermissions.fromString(root ? "rw-------"
        : "---------"));

    String out = root ? loginAsNobody(keytab) : loginHere(keytab);

    String user = root ? "nobody" : System.getProperty("user.name");
    assertThat(out).contains("PROBLEM=KEYTAB_UNREADABLE",
        "keytab " + keytab + " is not readable by user '" + user + "' (owner " + owner,
        root ? "mode rw-------)" : "mode ---------)", "grant that user read access",
        "SUBJECT-EMPTY=true");
  }

  private static String loginHere(Path keytab) throws Exception {
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    java.io.PrintStream old = System.out;
    System.setOut(new java.io.PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      LoginMain.main(new String[] {keytab.toString(), HTTP});
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  private static String loginAsNobody(Path keytab) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534",
        "--clear-groups", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp",
        BASE.resolve("target/classes") + ":" + BASE.resolve("target/test-classes"),
        LoginMain.class.getName(), keytab.toString(), HTTP));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }
}
