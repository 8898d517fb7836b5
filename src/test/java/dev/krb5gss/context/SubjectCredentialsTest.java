package dev.krb5gss.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.keytab.SubjectKeys;
import dev.krb5gss.name.PrincipalName;
import dev.krb5gss.testkit.JaasLogins;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import dev.krb5gss.testkit.LongTermKey;
import java.util.Set;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosKey;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KeyTab;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Acceptor credentials from a JAAS Subject: the JDK Krb5LoginModule's KeyTab, or KerberosKeys. */
@ExtendWith(KdcExtension.class)
class SubjectCredentialsTest {
  private static KdcFixture kdc;

  @BeforeAll
  static void realm(KdcPrincipals names) throws Exception {
    kdc = new KdcFixture(names, "HTTP");
  }

  private static void assertAccepts(Acceptor acceptor) throws Exception {
    try (JdkInitiator init = kdc.spnego()) {
      ServerContext ctx = acceptor.newContext();
      assertThat(ctx.accept(init.firstToken()).status()).isEqualTo(AcceptStatus.COMPLETE);
      assertThat(ctx.established().client()).isEqualTo(PrincipalName.parse(kdc.user, ""));
    }
  }

  @Test
  void keyTabFromTheJdkLoginModule() throws Exception {
    Subject service = JaasLogins.acceptor(kdc.keytab, kdc.service);
    assertThat(service.getPrivateCredentials(KeyTab.class)).isNotEmpty();
    assertAccepts(Acceptor.builder().subject(service).build());
  }

  @Test
  void keyTabFileIsFoundForBoundAndUnboundKeyTabs() {
    KeyTab bound = KeyTab.getInstance(new KerberosPrincipal(kdc.service), kdc.keytab.toFile());
    KeyTab unbound = KeyTab.getUnboundInstance(kdc.keytab.toFile());
    assertThat(SubjectKeys.keytabFile(bound)).contains(kdc.keytab.toFile().toPath());
    assertThat(SubjectKeys.keytabFile(unbound)).contains(kdc.keytab.toFile().toPath());
  }

  @Test
  void kerberosKeysInTheSubject() throws Exception {
    Subject service = new Subject();
    for (LongTermKey k : kdc.names.kdc().serviceKeys(kdc.service)) {
      service.getPrivateCredentials().add(new KerberosKey(new KerberosPrincipal(k.principal()),
          k.keyBytes(), k.enctype().id(), k.kvno()));
    }
    assertAccepts(Acceptor.builder().subject(service).build());
  }

  @Test
  void subjectWithoutKeysIsNoCredentials() {
    Subject empty = new Subject(false, Set.of(), Set.of(), Set.of());
    assertThatThrownBy(() -> Acceptor.builder().subject(empty).build())
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NO_CREDENTIALS));
  }
}
