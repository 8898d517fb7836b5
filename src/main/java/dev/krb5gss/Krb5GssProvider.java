package dev.krb5gss;

import dev.krb5gss.gss.MechOids;
import java.lang.System.Logger.Level;
import java.security.Provider;
import java.security.Security;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The krb5gss {@link Provider}: offers the GSS-API mechanisms Kerberos V5 (RFC 4121, OID
 * 1.2.840.113554.1.2.2), Microsoft's legacy Kerberos OID (1.2.840.48018.1.2.2) and SPNEGO
 * (RFC 4178, OID 1.3.6.1.5.5.2) to {@code GSSManager.getInstance()} through the JDK's
 * {@code GssApiMechanism.<oid>} provider properties.
 *
 * <p>Three ways to register it: {@link #install()} (position 1, idempotent), a
 * {@code java.security.properties} file listing it first, or the
 * {@code META-INF/services/java.security.Provider} entry (for {@code Security.getProvider}
 * lookups by name). The JVM must run with
 * {@code --add-exports java.security.jgss/sun.security.jgss.spi=ALL-UNNAMED} and
 * {@code --add-exports java.security.jgss/sun.security.jgss=ALL-UNNAMED}; without them the
 * provider registers no mechanism (so the JDK's own keep working) and logs one line naming the
 * flag.
 *
 * <p>This class refers to the mechanism factories only by name, so it loads without the exports.
 */
public final class Krb5GssProvider extends Provider {
  private static final long serialVersionUID = 1L;

  /** The provider name, as in {@code Security.getProvider("Krb5Gss")}. */
  public static final String NAME = "Krb5Gss";
  /** The Kerberos V5 mechanism OID (RFC 1964 §1, RFC 4121). */
  public static final String KRB5_OID = MechOids.KRB5.dotted();
  /** Microsoft's legacy, mis-encoded Kerberos OID that Windows clients offer in SPNEGO. */
  public static final String MS_KRB5_OID = MechOids.MS_KRB5.dotted();
  /** The SPNEGO mechanism OID (RFC 4178 §3). */
  public static final String SPNEGO_OID = MechOids.SPNEGO.dotted();
  /** The runtime flag without which the JDK cannot load our mechanism factories. */
  public static final String REQUIRED_FLAG =
      "--add-exports java.security.jgss/sun.security.jgss.spi=ALL-UNNAMED "
          + "--add-exports java.security.jgss/sun.security.jgss=ALL-UNNAMED";

  private static final String SPI = "dev.krb5gss.spi.";
  private static final Map<String, String> MECHANISMS = Map.of(
      KRB5_OID, SPI + "Krb5MechanismFactory",
      MS_KRB5_OID, SPI + "MsKrb5MechanismFactory",
      SPNEGO_OID, SPI + "SpnegoMechanismFactory");
  private static final AtomicBoolean WARNED = new AtomicBoolean();
  private static final Krb5GssProvider INSTANCE = new Krb5GssProvider();

  /**
   * A provider instance. Public for {@link java.util.ServiceLoader} and for
   * {@code security.provider.N} entries; code should use {@link #instance()} or
   * {@link #install()}.
   */
  public Krb5GssProvider() {
    super(NAME, "0.1", "krb5gss: pure-Java Kerberos V5 and SPNEGO GSS-API acceptor");
    if (SpiExports.available()) {
      MECHANISMS.forEach((oid, factory) -> put("GssApiMechanism." + oid, factory));
    } else if (WARNED.compareAndSet(false, true)) {
      System.getLogger(Krb5GssProvider.class.getName()).log(Level.WARNING,
          "krb5gss registers no GSS mechanism: the JVM lacks " + REQUIRED_FLAG
              + "; the JDK's own Kerberos and SPNEGO stay in use");
    }
  }

  /** The shared instance. */
  public static Krb5GssProvider instance() {
    return INSTANCE;
  }

  /** Whether this JVM exports the JDK's GSS SPI to us, so that our mechanisms are offered. */
  public static boolean mechanismsAvailable() {
    return SpiExports.available();
  }

  /**
   * Makes this provider the first in the JVM's provider list, so that every later
   * {@code GSSManager.getInstance()} (and the JDK's SPNEGO) uses it. Idempotent: a second call
   * changes nothing; a krb5gss provider found at another position is moved to position 1.
   *
   * @return true if the provider list changed
   */
  public static synchronized boolean install() {
    Provider[] providers = Security.getProviders();
    if (providers.length > 0 && NAME.equals(providers[0].getName())) {
      return false;
    }
    Security.removeProvider(NAME);
    Security.insertProviderAt(INSTANCE, 1);
    return true;
  }

  /**
   * Logs (INFO, logger {@code dev.krb5gss.startup}) which provider serves Kerberos V5 and SPNEGO
   * for {@code GSSManager.getInstance()} and why, and returns that report. A recipe calls it at
   * startup so that krb5gss cannot be silently off.
   */
  public static MechanismReport report() {
    MechanismReport report = MechanismReport.now();
    System.getLogger("dev.krb5gss.startup").log(Level.INFO, report.toString());
    return report;
  }

  /**
   * {@link #report()}, then fails unless krb5gss serves Kerberos V5 and SPNEGO.
   *
   * @throws IllegalStateException naming the provider that serves instead and why
   */
  public static MechanismReport requireActive() {
    MechanismReport report = report();
    if (!report.krb5gssServes()) {
      throw new IllegalStateException("krb5gss is required but does not serve Kerberos: "
          + report);
    }
    return report;
  }

  /** Removes this provider from the JVM's list (tests, or an application shutting down). */
  public static synchronized void uninstall() {
    Security.removeProvider(NAME);
  }

  /** Checks, without touching the SPI classes, that the JDK exports its GSS SPI to us. */
  private static final class SpiExports {
    private static final boolean AVAILABLE = check();

    static boolean available() {
      return AVAILABLE;
    }

    private static boolean check() {
      Module us = Krb5GssProvider.class.getModule();
      return ModuleLayer.boot().findModule("java.security.jgss")
          .map(m -> m.isExported("sun.security.jgss.spi", us) && m.isExported("sun.security.jgss", us))
          .orElse(false);
    }
  }
}
