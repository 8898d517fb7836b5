package dev.krb5gss;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.security.Security;

/**
 * Which provider serves Kerberos V5 (RFC 4121) and SPNEGO (RFC 4178) for
 * {@code GSSManager.getInstance()} in this JVM, and why: the JDK picks, per mechanism OID, the
 * first provider in {@code Security.getProviders()} that declares {@code GssApiMechanism.<oid>}.
 * The reasons krb5gss is not that provider are the recipes' silent failures: a
 * {@code -Djava.security.properties} file that does not exist (the JDK ignores it), krb5gss not
 * registered, registered behind SunJGSS, or registered without the SPI exports.
 */
public final class MechanismReport {
  private static final String JDK_PROPERTY = "java.security.properties";

  private final String krb5Provider;
  private final String spnegoProvider;
  private final String why;

  private MechanismReport(String krb5Provider, String spnegoProvider, String why) {
    this.krb5Provider = krb5Provider;
    this.spnegoProvider = spnegoProvider;
    this.why = why;
  }

  /** The report for the JVM's provider list now. */
  public static MechanismReport now() {
    Provider[] providers = Security.getProviders();
    String krb5 = servedBy(providers, Krb5GssProvider.KRB5_OID);
    String spnego = servedBy(providers, Krb5GssProvider.SPNEGO_OID);
    return new MechanismReport(krb5, spnego, why(providers, krb5));
  }

  /** Whether krb5gss serves both Kerberos V5 and SPNEGO. */
  public boolean krb5gssServes() {
    return Krb5GssProvider.NAME.equals(krb5Provider)
        && Krb5GssProvider.NAME.equals(spnegoProvider);
  }

  private static String servedBy(Provider[] providers, String oid) {
    for (Provider p : providers) {
      if (p.getProperty("GssApiMechanism." + oid) != null) {
        return p.getName();
      }
    }
    return "none";
  }

  private static String why(Provider[] providers, String krb5) {
    int ours = -1;
    for (int i = 0; i < providers.length; i++) {
      if (Krb5GssProvider.NAME.equals(providers[i].getName())) {
        ours = i + 1;
      }
    }
    String file = System.getProperty(JDK_PROPERTY);
    String fileNote = file == null ? "" : missingFile(file);
    if (Krb5GssProvider.NAME.equals(krb5)) {
      return "krb5gss is provider " + ours + " of " + providers.length
          + ", ahead of the JDK's SunJGSS";
    }
    if (ours < 0) {
      return "krb5gss is not in the provider list (" + (file == null
          ? "no -D" + JDK_PROPERTY + "=FILE listing dev.krb5gss.Krb5GssProvider first, and "
            + "Krb5GssProvider.install() was not called"
          : JDK_PROPERTY + "=" + file + fileNote + ", and it does not list "
            + "dev.krb5gss.Krb5GssProvider, or lists it through a class loader that cannot see "
            + "the krb5gss jar (put the jars on the JVM class path, not in a webapp or lib/)")
          + ")";
    }
    if (!Krb5GssProvider.mechanismsAvailable()) {
      return "krb5gss is provider " + ours + " but offers no mechanism: the JVM lacks "
          + Krb5GssProvider.REQUIRED_FLAG;
    }
    return "krb5gss is provider " + ours + ", behind " + krb5 + ": list it first (security."
        + "provider.1 in the " + JDK_PROPERTY + " file, or Krb5GssProvider.install())" + fileNote;
  }

  private static String missingFile(String file) {
    String path = file.startsWith("=") ? file.substring(1) : file;
    try {
      return path.startsWith("file:") || Files.isRegularFile(Path.of(path)) ? ""
          : " (that file DOES NOT EXIST: the JDK ignores it silently)";
    } catch (RuntimeException e) {
      return "";
    }
  }

  @Override
  public String toString() {
    return "Kerberos V5 is served by " + krb5Provider + ", SPNEGO by " + spnegoProvider
        + (krb5gssServes() ? " (krb5gss)" : " (NOT krb5gss)") + ": " + why;
  }
}
