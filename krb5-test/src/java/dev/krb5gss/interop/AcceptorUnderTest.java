package dev.krb5gss.interop;

import java.lang.reflect.InvocationTargetException;
import java.security.Provider;
import java.security.Security;
import java.util.Optional;
import org.ietf.jgss.GSSManager;

/**
 * The GSS-API acceptor (RFC 2743 §2.2.2 {@code GSS_Accept_sec_context}) an interop case runs
 * against. Both are reached the same way, through {@link GSSManager#getInstance()}; krb5gss wins
 * that lookup by being inserted first in the provider list while it is {@linkplain #install()
 * installed}.
 */
public enum AcceptorUnderTest {
  /** The JDK's own SunJGSS Kerberos and SPNEGO acceptor. */
  JDK(null),
  /**
   * Our provider. Plugging it in is this one line: the class name of the krb5gss
   * {@link Provider} (a public no-argument constructor). Overridable with
   * {@code -Dkrb5gss.interop.provider=...}.
   */
  KRB5GSS(System.getProperty("krb5gss.interop.provider", "dev.krb5gss.Krb5GssProvider"));

  private final String providerClass;
  private int installations;
  private Provider installed;

  AcceptorUnderTest(String providerClass) {
    this.providerClass = providerClass;
  }

  /** Whether this acceptor can run here (krb5gss: its provider class is on the class path). */
  public boolean available() {
    return providerClass == null || loadProvider().isPresent();
  }

  /** Why {@link #available()} is false, for the skip message. */
  public String unavailableReason() {
    return "krb5gss provider " + providerClass + " is not on the class path yet"
        + " (AcceptorUnderTest.KRB5GSS names it)";
  }

  /**
   * Makes this acceptor the one {@link GSSManager#getInstance()} returns until the result is
   * closed (a JVM-wide change: interop classes run one at a time, each in its own JVM).
   */
  public Installation install() {
    if (providerClass == null) {
      return () -> { };
    }
    synchronized (AcceptorUnderTest.class) {
      if (installations++ == 0) {
        installed = loadProvider().orElseThrow(
            () -> new IllegalStateException(unavailableReason()));
        if (Security.insertProviderAt(installed, 1) < 0) {
          installations--;
          installed = null;
          throw new IllegalStateException(providerClass + " is already installed under its name;"
              + " the interop suite cannot put it first and take it out again");
        }
      }
    }
    return this::uninstall;
  }

  private void uninstall() {
    synchronized (AcceptorUnderTest.class) {
      if (--installations == 0) {
        Security.removeProvider(installed.getName());
        installed = null;
      }
    }
  }

  /** A new manager as an application would get it. */
  public GSSManager manager() {
    return GSSManager.getInstance();
  }

  private Optional<Provider> loadProvider() {
    try {
      Class<?> type = Class.forName(providerClass);
      return Optional.of((Provider) type.getConstructor().newInstance());
    } catch (ClassNotFoundException e) {
      return Optional.empty();
    } catch (ReflectiveOperationException e) {
      Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
      throw new IllegalStateException("cannot instantiate " + providerClass, cause);
    }
  }

  /** Undoes {@link #install()}. */
  @FunctionalInterface
  public interface Installation extends AutoCloseable {
    @Override
    void close();
  }
}
