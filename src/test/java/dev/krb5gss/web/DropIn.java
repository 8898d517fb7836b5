package dev.krb5gss.web;

import dev.krb5gss.Krb5GssProvider;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedGssException;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;

/**
 * JVM-wide settings of the drop-in path (our provider first in the list; a JAAS entry naming a
 * login module), set for one test class and restored after it.
 */
public final class DropIn implements AutoCloseable {
  private final boolean installed;
  private final Configuration previousJaas;

  private DropIn(boolean installed, Configuration previousJaas) {
    this.installed = installed;
    this.previousJaas = previousJaas;
  }

  /** Installs the krb5gss provider at position 1 (and a JAAS configuration, if given). */
  public static DropIn install(String jaasEntry, String loginModule, Map<String, ?> options) {
    Configuration previous = currentJaas();
    if (jaasEntry != null) {
      Configuration.setConfiguration(new Configuration() {
        @Override
        public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
          return !jaasEntry.equals(name) ? null : new AppConfigurationEntry[] {
              new AppConfigurationEntry(loginModule,
                  AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
        }
      });
    }
    return new DropIn(Krb5GssProvider.install(), previous);
  }

  private static Configuration currentJaas() {
    try {
      return Configuration.getConfiguration();
    } catch (SecurityException e) {
      return null;
    }
  }

  /** The reason our mechanism put in a failure, found anywhere in {@code t}'s cause chain. */
  public static Optional<Reason> ourReason(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof RejectedGssException) {
        return Optional.of(((RejectedGssException) c).reason());
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    if (installed) {
      Krb5GssProvider.uninstall();
    }
    if (previousJaas != null) {
      Configuration.setConfiguration(previousJaas);
    }
  }
}
