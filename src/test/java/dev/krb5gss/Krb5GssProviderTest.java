package dev.krb5gss;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Provider;
import java.security.Security;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.Oid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Registration of the provider in this (exports-enabled) JVM. */
class Krb5GssProviderTest {

  @AfterEach
  void uninstall() {
    Krb5GssProvider.uninstall();
  }

  @Test
  void offersKerberosMsKerberosAndSpnegoWhenTheSpiIsExported() {
    Provider p = Krb5GssProvider.instance();
    assertThat(Krb5GssProvider.mechanismsAvailable()).isTrue();
    assertThat(p.getName()).isEqualTo("Krb5Gss");
    assertThat(p.getProperty("GssApiMechanism.1.2.840.113554.1.2.2"))
        .isEqualTo("dev.krb5gss.spi.Krb5MechanismFactory");
    assertThat(p.getProperty("GssApiMechanism.1.2.840.48018.1.2.2"))
        .isEqualTo("dev.krb5gss.spi.MsKrb5MechanismFactory");
    assertThat(p.getProperty("GssApiMechanism.1.3.6.1.5.5.2"))
        .isEqualTo("dev.krb5gss.spi.SpnegoMechanismFactory");
  }

  @Test
  void installPutsTheSingletonFirstOnceOnly() {
    assertThat(Krb5GssProvider.install()).isTrue();
    assertThat(Krb5GssProvider.install()).isFalse();
    Provider[] providers = Security.getProviders();
    assertThat(providers[0]).isSameAs(Krb5GssProvider.instance());
    assertThat(countNamed("Krb5Gss")).isEqualTo(1);
  }

  @Test
  void installMovesAnInstanceRegisteredAtTheEndToTheFront() {
    Security.addProvider(new Krb5GssProvider());
    assertThat(Security.getProviders()[0].getName()).isNotEqualTo("Krb5Gss");

    assertThat(Krb5GssProvider.install()).isTrue();

    assertThat(Security.getProviders()[0]).isSameAs(Krb5GssProvider.instance());
    assertThat(countNamed("Krb5Gss")).isEqualTo(1);
  }

  @Test
  void aNewGssManagerSeesTheMicrosoftOidOnlyOnceInstalled() throws Exception {
    Oid ms = new Oid(Krb5GssProvider.MS_KRB5_OID);
    assertThat(GSSManager.getInstance().getMechs()).doesNotContain(ms);

    Krb5GssProvider.install();

    assertThat(GSSManager.getInstance().getMechs()).contains(ms,
        new Oid(Krb5GssProvider.KRB5_OID), new Oid(Krb5GssProvider.SPNEGO_OID));
  }

  @Test
  void serviceLoaderFindsTheProvider() {
    assertThat(ServiceLoader.load(Provider.class).stream()
        .map(ServiceLoader.Provider::type).collect(Collectors.toList()))
        .contains(Krb5GssProvider.class);
  }

  private static long countNamed(String name) {
    return java.util.Arrays.stream(Security.getProviders())
        .filter(p -> p.getName().equals(name)).count();
  }
}
