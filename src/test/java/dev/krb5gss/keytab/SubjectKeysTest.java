package dev.krb5gss.keytab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.crypto.EnctypePolicy;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.name.PrincipalName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Set;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosKey;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KeyTab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one path from a Subject's private credentials to acceptor keys (RFC 4120 §7.5.5 service
 * keys in MIT keytab files, KerberosKeys, krb5gss's own credential): several keytabs are merged
 * once per set of keytab versions, not on every request; a bound KeyTab gives only its
 * principal's keys; an unreadable KeyTab fails the acquisition instead of being skipped.
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

  private static final String A = "HTTP/a.example.com@EXAMPLE.COM";
  private static final String B = "HTTP/b.example.com@EXAMPLE.COM";

  @Test
  void aBoundKeyTabGivesOnlyItsPrincipalsKeys() throws Exception {
    Path ab = new KeytabWriter().add(A, 1, 18).add(B, 1, 18).writeTo(dir.resolve("ab.keytab"));
    Subject subject = new Subject();
    subject.getPrivateCredentials().add(
        KeyTab.getInstance(new KerberosPrincipal(A), ab.toFile()));

    assertThat(SubjectKeys.from(subject).current().principals())
        .containsExactly(PrincipalName.parse(A, ""));
  }

  @Test
  void aKeyTabWhoseFileIsMissingFailsNamingTheFile() {
    Path missing = dir.resolve("missing.keytab");
    Subject subject = new Subject();
    subject.getPrivateCredentials().add(
        KeyTab.getInstance(new KerberosPrincipal(A), missing.toFile()));

    assertThatThrownBy(() -> SubjectKeys.from(subject))
        .isInstanceOfSatisfying(RejectedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.NO_CREDENTIALS);
          assertThat(e.getMessage()).contains("cannot read the keytab " + missing);
        });
  }

  @Test
  void keyTabsAndKerberosKeysAreMergedAndEqualSubjectsGiveEqualKeys() throws Exception {
    Path a = new KeytabWriter().add(A, 1, 18).writeTo(dir.resolve("a.keytab"));
    Subject subject = new Subject();
    subject.getPrivateCredentials().add(KeyTab.getUnboundInstance(a.toFile()));
    subject.getPrivateCredentials().add(
        new KerberosKey(new KerberosPrincipal(B), new byte[32], 18, 3));

    SubjectKeys first = SubjectKeys.from(subject);
    SubjectKeys again = SubjectKeys.from(subject);

    assertThat(first.current().principals()).containsExactlyInAnyOrder(
        PrincipalName.parse(A, ""), PrincipalName.parse(B, ""));
    assertThat(again).isEqualTo(first).hasSameHashCodeAs(first);
    assertThat(again.current().keysFor(PrincipalName.parse(B, "")).get(0))
        .isSameAs(first.current().keysFor(PrincipalName.parse(B, "")).get(0));
  }

  @Test
  void aWantedNameSelectsItsKeysAndSkipsKeyTabsBoundToOthers() throws Exception {
    Path ab = new KeytabWriter().add(A, 1, 18).add(B, 1, 18).writeTo(dir.resolve("ab.keytab"));
    Subject subject = new Subject();
    subject.getPrivateCredentials().add(
        KeyTab.getInstance(new KerberosPrincipal(A), dir.resolve("nonexistent").toFile()));
    subject.getPrivateCredentials().add(KeyTab.getUnboundInstance(ab.toFile()));

    SubjectKeys keys = SubjectKeys.find(subject,
        PrincipalName.parse("HTTP/b.example.com", "")).orElseThrow();

    assertThat(keys.current().principals()).containsExactly(PrincipalName.parse(B, ""));
  }

  @Test
  void ourOwnCredentialComesFirstAndLimitsToWhatItAdmits() throws Exception {
    Path ab = new KeytabWriter().add(A, 1, 18).add(B, 1, 18).writeTo(dir.resolve("ab.keytab"));
    Subject subject = new Subject();
    subject.getPrivateCredentials().add(KeyTab.getUnboundInstance(ab.toFile()));
    AcceptorKeys own = AcceptorKeys.bound(ReloadingKeytab.shared(ab, Duration.ofSeconds(1)),
        Set.of(PrincipalName.parse(A, "")), EnctypePolicy.defaults());
    subject.getPrivateCredentials().add(own);

    SubjectKeys keys = SubjectKeys.from(subject);

    assertThat(keys.credential()).containsSame(own);
    assertThat(keys.current().principals()).containsExactly(PrincipalName.parse(A, ""));
    own.destroy();
    assertThat(SubjectKeys.from(subject).current().principals()).hasSize(2);
  }
}
