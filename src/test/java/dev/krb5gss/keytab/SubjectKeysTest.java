package dev.krb5gss.keytab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.name.PrincipalName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KeyTab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Subject holding several keytabs (RFC 4120 §7.5.5 service keys in MIT keytab files): the
 * merged key table is built once per set of keytab versions, not on every request, and rebuilt
 * when one of the files changes.
 */
class SubjectKeysTest {
  @TempDir Path dir;

  @Test
  void theMergeIsCachedPerSetOfKeytabVersions() throws Exception {
    Path a = new KeytabWriter().add("HTTP/a.example.com@EXAMPLE.COM", 1, 18)
        .writeTo(dir.resolve("a.keytab"));
    Path b = new KeytabWriter().add("HTTP/b.example.com@EXAMPLE.COM", 1, 18)
        .writeTo(dir.resolve("b.keytab"));
    Subject subject = new Subject();
    subject.getPrivateCredentials().add(KeyTab.getUnboundInstance(a.toFile()));
    subject.getPrivateCredentials().add(KeyTab.getUnboundInstance(b.toFile()));
    SubjectKeys keys = SubjectKeys.from(subject);

    ServiceKeyTable first = keys.current();
    assertThat(first.principals()).hasSize(2);
    assertThat(keys.current()).isSameAs(first);

    new KeytabWriter().add("HTTP/b.example.com@EXAMPLE.COM", 2, 18)
        .add("HTTP/c.example.com@EXAMPLE.COM", 2, 18).writeTo(b);
    Files.setLastModifiedTime(b, FileTime.fromMillis(Files.getLastModifiedTime(b).toMillis()
        + 5000));
    Thread.sleep(KeytabCache.RECHECK_INTERVAL.toMillis() + 100); // the file is looked at again
    ServiceKeyTable second = keys.current();
    assertThat(second).isNotSameAs(first);
    assertThat(second.keysFor(PrincipalName.parse("HTTP/c.example.com@EXAMPLE.COM", "")))
        .hasSize(1);
    assertThat(keys.current()).isSameAs(second);
  }
}
