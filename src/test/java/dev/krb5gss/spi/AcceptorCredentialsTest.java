package dev.krb5gss.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.Krb5GssProvider;
import dev.krb5gss.context.Acceptor;
import dev.krb5gss.replay.ReplayCaches;
import dev.krb5gss.testkit.AesEnctype;
import dev.krb5gss.testkit.GssOids;
import dev.krb5gss.testkit.JaasLogins;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import dev.krb5gss.testkit.LongTermKey;
import dev.krb5gss.testkit.Subjects;
import java.nio.file.Path;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosKey;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KeyTab;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;
import dev.krb5gss.keytab.KeytabCache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import sun.security.jgss.GSSCredentialImpl;

/** Acceptor credentials from what Krb5LoginModule (or our LoginModule) leaves in the Subject. */
@ExtendWith(KdcExtension.class)
class AcceptorCredentialsTest {

  @BeforeAll
  static void install() {
    Krb5GssProvider.install();
  }

  @AfterAll
  static void uninstall() {
    Krb5GssProvider.uninstall();
  }

  @Test
  void boundKeytabFromKrb5LoginModuleIsFoundAndNamed(KdcPrincipals names) throws Exception {
    String service = names.addService("HTTP");
    Subject subject = JaasLogins.acceptor(names.keytab(service), service);

    GSSCredential cred = acceptorCred(subject, null, GssOids.KRB5);

    assertThat(cred.getName(GssOids.KRB5).toString()).isEqualTo(service);
    assertThat(cred.getUsage()).isEqualTo(GSSCredential.ACCEPT_ONLY);
    assertThat(element(cred, GssOids.KRB5).keys().current().principals())
        .extracting(Object::toString).containsExactly(service);
  }

  @Test
  void repeatedAcquisitionSharesTheParsedKeytab(KdcPrincipals names) throws Exception {
    String service = names.addService("HTTP2");
    Path keytab = names.keytab(service);

    AcceptorCredentialElement first = keytabElement(keytab, service, GssOids.SPNEGO);
    AcceptorCredentialElement second = keytabElement(keytab, service, GssOids.SPNEGO);

    assertThat(second.keys()).isEqualTo(first.keys());
    assertThat(second.keys().current()).isSameAs(first.keys().current());
    assertThat(second.keys().current().keys().get(0))
        .isSameAs(first.keys().current().keys().get(0));
  }

  @Test
  void aRewrittenKeytabIsReReadOnceThenSharedAgain(KdcPrincipals names) throws Exception {
    String service = names.addService("HTTP4");
    Path keytab = names.keytab(service);
    AcceptorCredentialElement before = keytabElement(keytab, service, GssOids.KRB5);
    dev.krb5gss.keytab.ServiceKeyTable first = before.keys().current();
    long loadedAt = System.nanoTime();
    java.nio.file.Files.setLastModifiedTime(keytab, java.nio.file.attribute.FileTime.from(
        java.nio.file.Files.getLastModifiedTime(keytab).toInstant().plusSeconds(5)));
    // the file is looked at once per KeytabCache.RECHECK_INTERVAL, not on every accept
    if (System.nanoTime() - loadedAt < KeytabCache.RECHECK_INTERVAL.toNanos() / 2) {
      assertThat(before.keys().current()).isSameAs(first);
    }
    Thread.sleep(KeytabCache.RECHECK_INTERVAL.toMillis() + 100);

    AcceptorCredentialElement after = keytabElement(keytab, service, GssOids.KRB5);
    AcceptorCredentialElement again = keytabElement(keytab, service, GssOids.KRB5);

    assertThat(after.keys().current()).isNotSameAs(first);
    assertThat(again.keys().current()).isSameAs(after.keys().current());
    assertThat(AcceptorContexts.acceptorFor(again.keys()))
        .isSameAs(AcceptorContexts.acceptorFor(before.keys()));
  }

  @Test
  void aCredentialKeepsItsAcceptorUntilTheReplayCacheSettingChanges(KdcPrincipals names)
      throws Exception {
    String service = names.addService("HTTP5");
    Path keytab = names.keytab(service);
    AcceptorCredentialElement cred = keytabElement(keytab, service, GssOids.KRB5);
    AcceptorCredentialElement other = keytabElement(keytab, service, GssOids.KRB5);
    String property = System.getProperty(ReplayCaches.PROPERTY);
    try {
      System.clearProperty(ReplayCaches.PROPERTY);
      Acceptor first = AcceptorContexts.acceptorFor(cred);
      assertThat(AcceptorContexts.acceptorFor(cred)).isSameAs(first);
      assertThat(AcceptorContexts.acceptorFor(other)).isSameAs(first);

      // read for every context: another replay cache gives another acceptor at once
      System.setProperty(ReplayCaches.PROPERTY, "memory?maxEntries=5000");
      Acceptor bounded = AcceptorContexts.acceptorFor(cred);
      assertThat(bounded).isNotSameAs(first)
          .isSameAs(AcceptorContexts.acceptorFor(cred.keys()))
          .isSameAs(AcceptorContexts.acceptorFor(other));

      System.clearProperty(ReplayCaches.PROPERTY);
      assertThat(AcceptorContexts.acceptorFor(cred)).isSameAs(first);
    } finally {
      if (property == null) {
        System.clearProperty(ReplayCaches.PROPERTY);
      } else {
        System.setProperty(ReplayCaches.PROPERTY, property);
      }
    }
  }

  @Test
  void unboundKeytabServesEveryPrincipalInIt(KdcPrincipals names) throws Exception {
    String a = names.addService("svcA");
    String b = names.addService("svcB");
    Subject subject = new Subject();
    subject.getPrivateCredentials().add(KeyTab.getUnboundInstance(names.keytab(a, b).toFile()));

    GSSCredential cred = acceptorCred(subject, null, GssOids.KRB5);

    assertThat(element(cred, GssOids.KRB5).keys().current().principals())
        .extracting(Object::toString).containsExactlyInAnyOrder(a, b);
  }

  @Test
  void aHostBasedNameSelectsItsKeysFromAnUnboundKeytab(KdcPrincipals names) throws Exception {
    String a = names.addService("svcC");
    String b = names.addService("svcD");
    Subject subject = new Subject();
    subject.getPrivateCredentials().add(KeyTab.getUnboundInstance(names.keytab(a, b).toFile()));
    GSSName wanted = GSSManager.getInstance()
        .createName(names.hostbased("svcD"), GSSName.NT_HOSTBASED_SERVICE);

    GSSCredential cred = acceptorCred(subject, wanted, GssOids.KRB5);

    assertThat(element(cred, GssOids.KRB5).keys().current().principals())
        .extracting(Object::toString).containsExactly(b);
  }

  @Test
  void kerberosKeysFromAPasswordLoginAreUsed(KdcPrincipals names) throws Exception {
    String service = names.addService("keys", AesEnctype.AES128_CTS_HMAC_SHA1_96);
    LongTermKey key = names.kdc().serviceKey(service, AesEnctype.AES128_CTS_HMAC_SHA1_96);
    Subject subject = new Subject();
    subject.getPrivateCredentials().add(new KerberosKey(new KerberosPrincipal(service),
        key.keyBytes(), key.enctype().id(), key.kvno()));

    AcceptorCredentialElement element =
        element(acceptorCred(subject, null, GssOids.KRB5), GssOids.KRB5);
    AcceptorCredentialElement again =
        element(acceptorCred(subject, null, GssOids.KRB5), GssOids.KRB5);

    assertThat(element.keys().current().keys()).singleElement()
        .satisfies(k -> assertThat(k.kvno()).isEqualTo(1))
        .satisfies(k -> assertThat(k.encType().id()).isEqualTo(17));
    assertThat(again.keys().current()).isSameAs(element.keys().current());
  }

  @Test
  void noSubjectMeansNoCredentialsWithAnExplanation() {
    assertThatThrownBy(() -> GSSManager.getInstance().createCredential(null,
        GSSCredential.INDEFINITE_LIFETIME, GssOids.KRB5, GSSCredential.ACCEPT_ONLY))
        .isInstanceOfSatisfying(GSSException.class, e -> {
          assertThat(e.getMajor()).isEqualTo(GSSException.NO_CRED);
          assertThat(e.getMessage()).contains("useSubjectCredsOnly");
        });
  }

  @Test
  void aNameTheKeytabDoesNotHoldMeansNoCredentials(KdcPrincipals names) throws Exception {
    String service = names.addService("HTTP3");
    Subject subject = JaasLogins.acceptor(names.keytab(service), service);
    GSSName other = GSSManager.getInstance().createName("nope@elsewhere",
        GSSName.NT_HOSTBASED_SERVICE);

    assertThatThrownBy(() -> acceptorCred(subject, other, GssOids.KRB5))
        .isInstanceOfSatisfying(GSSException.class,
            e -> assertThat(e.getMajor()).isEqualTo(GSSException.NO_CRED));
  }

  @Test
  void aKeyTabWhoseFileIsGoneIsNoCredentialsNamingTheFile(KdcPrincipals names) throws Exception {
    String service = names.addService("gone");
    Path missing = names.keytab(service).resolveSibling("gone-missing.keytab");
    Subject subject = new Subject();
    subject.getPrivateCredentials().add(
        KeyTab.getInstance(new KerberosPrincipal(service), missing.toFile()));

    assertThatThrownBy(() -> acceptorCred(subject, null, GssOids.KRB5))
        .isInstanceOfSatisfying(GSSException.class, e -> {
          assertThat(e.getMajor()).isEqualTo(GSSException.NO_CRED);
          assertThat(e.getMessage()).contains("cannot read the keytab " + missing);
        });
  }

  static GSSCredential acceptorCred(Subject subject, GSSName name, Oid mech) throws Exception {
    return Subjects.callAs(subject, () -> GSSManager.getInstance().createCredential(name,
        GSSCredential.INDEFINITE_LIFETIME, mech, GSSCredential.ACCEPT_ONLY));
  }

  /** The element of an acceptor credential from a JAAS login with {@code service}'s keytab. */
  private static AcceptorCredentialElement keytabElement(Path keytab, String service, Oid mech)
      throws Exception {
    return element(acceptorCred(JaasLogins.acceptor(keytab, service), null, mech), mech);
  }

  static AcceptorCredentialElement element(GSSCredential cred, Oid mech) throws GSSException {
    return (AcceptorCredentialElement) ((GSSCredentialImpl) cred).getElement(mech, false);
  }
}
