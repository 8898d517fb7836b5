package dev.krb5gss.jaas;

import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.Oid;

/**
 * Run in a child JVM by ExamplesTest: prints the provider names in order, and whether a fresh
 * GSSManager offers the Microsoft Kerberos OID (only krb5gss does).
 */
public final class ProviderListMain {
  private ProviderListMain() {}

  public static void main(String[] args) throws Exception {
    System.out.println(Arrays.stream(Security.getProviders()).map(Provider::getName)
        .collect(Collectors.joining(",")));
    System.out.println("ms-krb5=" + Arrays.asList(GSSManager.getInstance().getMechs())
        .contains(new Oid("1.2.840.48018.1.2.2")));
  }
}
