package dev.krb5gss.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.Krb5GssProvider;
import dev.krb5gss.testkit.GssOids;
import java.nio.charset.StandardCharsets;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Name types, canonicalisation and export/import (RFC 2743 §3.2, RFC 1964 §2.1). */
class NamesTest {
  private static final Oid NT_KRB5 = GssOids.KRB5_PRINCIPAL_NAME;

  @BeforeAll
  static void install() {
    Krb5GssProvider.install();
  }

  @AfterAll
  static void uninstall() {
    Krb5GssProvider.uninstall();
  }

  @Test
  void hostBasedServiceBecomesServiceSlashLowerCaseHost() throws Exception {
    KerberosNameElement e = element("HTTP@WWW.Example.ORG", GSSName.NT_HOSTBASED_SERVICE);
    assertThat(e.principal().components()).containsExactly("HTTP", "www.example.org");
    assertThat(e.principal().realm()).isEmpty();
    assertThat(e.toString()).isEqualTo("HTTP@WWW.Example.ORG");
    assertThat(e.getStringNameType()).isEqualTo(GSSName.NT_HOSTBASED_SERVICE);
  }

  @Test
  void principalAndUserNamesKeepTheirRealm() throws Exception {
    assertThat(element("alice@EXAMPLE.ORG", NT_KRB5).principal().toString())
        .isEqualTo("alice@EXAMPLE.ORG");
    assertThat(element("bob", GSSName.NT_USER_NAME).principal().components())
        .containsExactly("bob");
  }

  @Test
  void exportedNameRoundTripsThroughTheManager() throws Exception {
    GSSManager m = GSSManager.getInstance();
    GSSName name = m.createName("HTTP/web.example.org@EXAMPLE.ORG", NT_KRB5)
        .canonicalize(GssOids.KRB5);
    byte[] exported = name.export();

    assertThat(exported[0]).isEqualTo((byte) 0x04);
    assertThat(exported[1]).isEqualTo((byte) 0x01);
    assertThat(new String(exported, StandardCharsets.UTF_8))
        .endsWith("HTTP/web.example.org@EXAMPLE.ORG");
    GSSName imported = m.createName(exported, GSSName.NT_EXPORT_NAME);
    assertThat(imported.equals(name)).isTrue();
    assertThat(imported.toString()).isEqualTo("HTTP/web.example.org@EXAMPLE.ORG");
  }

  @Test
  void aNameWithoutRealmSelectsKeysInAnyRealmButEqualsOnlyInTheDefaultRealm() throws Exception {
    KerberosNameElement noRealm = element("HTTP@web", GSSName.NT_HOSTBASED_SERVICE);
    assertThat(noRealm.designates(dev.krb5gss.name.PrincipalName.parse("HTTP/web@R", ""))).isTrue();
    assertThat(noRealm.equals((Object) element("HTTP/web@NOT-THE-DEFAULT.INVALID", NT_KRB5)))
        .isFalse();
    assertThat(element("HTTP/web@R", NT_KRB5).equals((Object) element("HTTP/web@S", NT_KRB5)))
        .isFalse();
  }

  @Test
  void anUnsupportedNameTypeIsBadNametype() {
    assertThatThrownBy(() -> element("x", GSSName.NT_ANONYMOUS))
        .isInstanceOfSatisfying(GSSException.class,
            e -> assertThat(e.getMajor()).isEqualTo(GSSException.BAD_NAMETYPE));
  }

  private static KerberosNameElement element(String text, Oid type) throws GSSException {
    return KerberosNameElement.parse(GssOids.KRB5, text, type);
  }
}
