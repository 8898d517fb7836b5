package dev.krb5gss.keytab;

import dev.krb5gss.testkit.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.crypto.EncType;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.name.PrincipalName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key rotation (RFC 4120 §7.5.5 kvno) seen through a keytab file that changes under us. */
class ReloadingKeytabTest {
  private static final String SPN = "HTTP/web.example.com@EXAMPLE.COM";
  private static final PrincipalName SERVER = PrincipalName.parse(SPN, null);
  private static final EncType AES256 = EncType.AES256_CTS_HMAC_SHA1_96;

  @TempDir Path dir;
  private Path file;
  private MutableClock clock;
  private long mtime = 1_000_000;

  @BeforeEach
  void setUp() {
    file = dir.resolve("http.keytab");
    clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  }

  private void write(KeytabWriter w) throws IOException {
    w.writeTo(file);
    Files.setLastModifiedTime(file, FileTime.fromMillis(mtime += 1000));
  }

  private static KeytabWriter kvno(int kvno) {
    return new KeytabWriter().add(SPN, kvno, 18).add(SPN, kvno, 17);
  }

  @Test
  void newKvnoIsUsableAfterTheIntervalAndThePreviousOneStillSelects() throws Exception {
    write(kvno(1));
    ReloadingKeytab keys = ReloadingKeytab.open(file, Duration.ofSeconds(5), clock);
    assertThat(keys.current().select(SERVER, 1, AES256).kvno()).isEqualTo(1);

    write(kvno(2));   // the file now holds only kvno 2, as after "kadmin ktadd" into a new file
    clock.advance(Duration.ofSeconds(4));
    assertThatThrownBy(() -> keys.current().select(SERVER, 2, AES256))
        .isInstanceOf(RejectedException.class)
        .extracting(e -> ((RejectedException) e).reason()).isEqualTo(Reason.KVNO_MISMATCH);

    clock.advance(Duration.ofSeconds(1));
    assertThat(keys.current().select(SERVER, 2, AES256).kvno()).isEqualTo(2);
    assertThat(keys.current().select(SERVER, 1, AES256).kvno()).isEqualTo(1);
    assertThat(keys.current().select(SERVER, null, AES256).kvno()).isEqualTo(2);
  }

  @Test
  void onlyThePreviousVersionIsKeptAfterTwoRotations() throws Exception {
    write(kvno(1));
    ReloadingKeytab keys = ReloadingKeytab.open(file, Duration.ZERO, clock);
    write(kvno(2));
    keys.current();
    write(kvno(3));

    ServiceKeyTable table = keys.current();

    assertThat(table.select(SERVER, 3, AES256).kvno()).isEqualTo(3);
    assertThat(table.select(SERVER, 2, AES256).kvno()).isEqualTo(2);
    assertThatThrownBy(() -> table.select(SERVER, 1, AES256))
        .extracting(e -> ((RejectedException) e).reason()).isEqualTo(Reason.KVNO_MISMATCH);
  }

  @Test
  void aFileWithBothKvnosKeepsBoth() throws Exception {
    write(kvno(1));
    ReloadingKeytab keys = ReloadingKeytab.open(file, Duration.ZERO, clock);
    write(kvno(1).add(SPN, 2, 18));

    assertThat(keys.current().keysFor(SERVER)).extracting(ServiceKey::kvno)
        .containsExactly(2, 1, 1);
  }

  @Test
  void aBrokenOrMissingFileKeepsTheKeysInUse() throws Exception {
    write(kvno(1));
    ReloadingKeytab keys = ReloadingKeytab.open(file, Duration.ZERO, clock);
    Files.write(file, new byte[] {5, 2, 0, 0, 0, 99});
    Files.setLastModifiedTime(file, FileTime.fromMillis(mtime += 1000));

    assertThat(keys.current().select(SERVER, 1, AES256).kvno()).isEqualTo(1);
    assertThatThrownBy(keys::reloadNow).isInstanceOf(KeytabFormatException.class)
        .hasMessageContaining("runs past the end");

    Files.delete(file);
    assertThat(keys.current().select(SERVER, 1, AES256).kvno()).isEqualTo(1);
    assertThatThrownBy(keys::reloadNow).isInstanceOf(IOException.class)
        .hasMessageContaining(file.getFileName().toString());

    write(kvno(2));
    assertThat(keys.current().select(SERVER, 2, AES256).kvno()).isEqualTo(2);
  }

  @Test
  void aFileCaughtWhileBeingRewrittenLosesNoKvno() throws Exception {
    write(kvno(1));
    ReloadingKeytab keys = ReloadingKeytab.open(file, Duration.ZERO, clock);
    write(new KeytabWriter());                     // truncated to the header: no keys
    assertThat(keys.current().select(SERVER, 1, AES256).kvno()).isEqualTo(1);
    assertThatThrownBy(keys::reloadNow).isInstanceOf(KeytabFormatException.class)
        .hasMessageContaining("holds no keys");
    write(new KeytabWriter().add(SPN, 2, 18));     // half of the new file
    keys.current();
    write(kvno(2));                                // the whole new file

    ServiceKeyTable table = keys.current();

    assertThat(table.select(SERVER, 1, AES256).kvno()).isEqualTo(1);
    assertThat(table.select(SERVER, 2, AES256).kvno()).isEqualTo(2);
    assertThat(table.select(SERVER, 2, EncType.AES128_CTS_HMAC_SHA1_96).kvno()).isEqualTo(2);
  }

  @Test
  void aPrincipalRemovedFromTheFileIsDropped() throws Exception {
    String other = "imap/mail.example.com@EXAMPLE.COM";
    write(kvno(1).add(other, 1, 18));
    ReloadingKeytab keys = ReloadingKeytab.open(file, Duration.ZERO, clock);
    write(kvno(2));

    assertThat(keys.current().principals()).containsExactly(SERVER);
  }

  @Test
  void openFailsOnAFileThatIsNotAKeytab() throws Exception {
    Files.writeString(file, "not a keytab");

    assertThatThrownBy(() -> ReloadingKeytab.open(file, Duration.ZERO, clock))
        .isInstanceOf(KeytabFormatException.class).hasMessageContaining("05 02");
  }

  @Test
  void sharedInstancesAreOnePerFileAndIntervalAndRecheckOnEveryLookup() throws Exception {
    write(kvno(1));
    ReloadingKeytab a = ReloadingKeytab.shared(file, Duration.ofHours(1));
    write(kvno(2));
    ReloadingKeytab b = ReloadingKeytab.shared(dir.resolve(".").resolve("http.keytab"),
        Duration.ofHours(1));

    assertThat(b).isSameAs(a);
    assertThat(b.current().keysFor(SERVER)).extracting(ServiceKey::kvno).contains(1, 2);
    assertThat(ReloadingKeytab.shared(file, Duration.ofMinutes(1))).isNotSameAs(a);
  }

  @Test
  void concurrentReadersDuringRotationAlwaysSeeAUsableTable() throws Exception {
    write(kvno(1));
    ReloadingKeytab keys = ReloadingKeytab.open(file, Duration.ZERO, clock);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> reads = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        reads.add(pool.submit(() -> keys.current().select(SERVER, 1, AES256).kvno()));
        if (i % 50 == 25) {   // the new file, rewritten in place several times
          write(kvno(2));
        }
      }
      for (Future<Integer> f : reads) {
        assertThat(f.get()).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(keys.current().select(SERVER, 2, AES256).kvno()).isEqualTo(2);
  }

  @Test
  void negativeIntervalIsRefused() throws Exception {
    write(kvno(1));
    assertThatThrownBy(() -> ReloadingKeytab.open(file, Duration.ofMillis(-1), clock))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
  }
}
