package dev.krb5gss.jaas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.keytab.AcceptorKeys;
import dev.krb5gss.keytab.KeytabWriter;
import java.nio.file.Path;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KeyTab;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JAAS two-phase contract (javax.security.auth.spi.LoginModule) through LoginContext. */
class JaasContractTest {
  private static final String HTTP = "HTTP/web.example.com@EXAMPLE.COM";
  private static final String IMAP = "imap/mail.example.com@EXAMPLE.COM";
  private static final LoginModuleControlFlag REQUIRED = LoginModuleControlFlag.REQUIRED;

  @TempDir Path dir;
  private Path keytab;

  @BeforeEach
  void setUp() {
    keytab = new KeytabWriter().add(HTTP, 1, 18).add(IMAP, 1, 18)
        .writeTo(dir.resolve("contract.keytab"));
  }

  private AppConfigurationEntry ours(String principal) {
    return new AppConfigurationEntry(KeytabLoginModule.class.getName(), REQUIRED,
        Map.of("keyTab", keytab.toString(), "principal", principal));
  }

  private static AppConfigurationEntry sibling(String failIn) {
    return new AppConfigurationEntry(FailingSiblingModule.class.getName(), REQUIRED,
        Map.of("failIn", failIn));
  }

  private static LoginContext context(Subject subject, AppConfigurationEntry... entries)
      throws LoginException {
    Configuration config = new Configuration() {
      @Override
      public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
        return entries.clone();
      }
    };
    return new LoginContext("test", subject, null, config);
  }

  @Test
  void aSiblingFailingInLoginLeavesTheSubjectClean() throws Exception {
    Subject subject = new Subject();
    LoginContext lc = context(subject, ours(HTTP), sibling("login"));

    assertThatThrownBy(lc::login).hasMessage("sibling refuses login");
    assertThat(subject.getPrincipals()).isEmpty();
    assertThat(subject.getPrivateCredentials()).isEmpty();
  }

  @Test
  void aSiblingFailingInCommitAfterOursHasCommittedLeavesTheSubjectClean() throws Exception {
    Subject subject = new Subject();
    LoginContext lc = context(subject, ours(HTTP), sibling("commit"));

    assertThatThrownBy(lc::login).hasMessage("sibling refuses commit");
    assertThat(subject.getPrincipals()).isEmpty();
    assertThat(subject.getPrivateCredentials()).isEmpty();
  }

  @Test
  void logoutRemovesOnlyWhatThisModuleAdded() throws Exception {
    Subject subject = new Subject();
    Principal foreign = () -> "someone-else";
    KerberosPrincipal http = new KerberosPrincipal(HTTP);
    KeyTab theirs = KeyTab.getInstance(http, keytab.toFile());
    subject.getPrincipals().add(foreign);
    subject.getPrincipals().add(http);
    subject.getPrivateCredentials().add(theirs);
    LoginContext lc = context(subject, ours(HTTP + "," + IMAP));
    lc.login();
    AcceptorKeys keys = AcceptorKeys.in(subject).get(0);
    assertThat(subject.getPrincipals()).contains(new KerberosPrincipal(IMAP));

    lc.logout();

    assertThat(subject.getPrincipals()).containsExactlyInAnyOrder(foreign, http);
    assertThat(subject.getPrivateCredentials()).containsExactly(theirs);
    assertThat(keys.isDestroyed()).isTrue();
    assertThatThrownBy(keys::keySource).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("destroyed");
  }

  @Test
  void twoEntriesOfThisModuleAddAndRemoveTheirOwnParts() throws Exception {
    Subject subject = new Subject();
    LoginContext lc = context(subject, ours(HTTP), ours(IMAP));
    lc.login();

    assertThat(subject.getPrincipals()).hasSize(2);
    assertThat(AcceptorKeys.in(subject)).hasSize(2);
    lc.logout();
    assertThat(subject.getPrincipals()).isEmpty();
    assertThat(subject.getPrivateCredentials()).isEmpty();
  }

  @Test
  void concurrentLoginsEachGetTheirOwnCompleteSubject() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Subject>> logins = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String principal = i % 2 == 0 ? HTTP : "*";
        logins.add(pool.submit((Callable<Subject>) () -> {
          LoginContext lc = context(new Subject(), ours(principal));
          lc.login();
          return lc.getSubject();
        }));
      }
      for (Future<Subject> f : logins) {
        Subject s = f.get();
        assertThat(s.getPrivateCredentials(KeyTab.class)).hasSize(1);
        assertThat(AcceptorKeys.in(s)).hasSize(1);
        assertThat(AcceptorKeys.in(s).get(0).keySource().current().principals()).hasSize(2);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
