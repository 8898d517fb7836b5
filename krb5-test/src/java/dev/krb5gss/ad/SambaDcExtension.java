package dev.krb5gss.ad;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link SambaDc} per test class (each AD interop class runs in a JVM of its own, whose
 * krb5.conf points at this DC), with the user {@value #USER} already created and logged in by
 * MIT's {@code kinit}: register it as a static field with {@code @RegisterExtension}.
 */
public final class SambaDcExtension implements BeforeAllCallback, AfterAllCallback {
  /** The user every AD class authenticates as. */
  public static final String USER = "alice";
  /** Her password (AD's complexity rules: upper, lower, digit, symbol). */
  public static final String PASSWORD = "Al1ce-Pass!x";

  private final List<String> extraLibdefaults;
  private SambaDc dc;
  private Path ccache;

  private SambaDcExtension(List<String> extraLibdefaults) {
    this.extraLibdefaults = List.copyOf(extraLibdefaults);
  }

  /** A DC with the default client krb5.conf. */
  public static SambaDcExtension create() {
    return new SambaDcExtension(List.of());
  }

  /** A DC whose client krb5.conf has extra {@code [libdefaults]} lines. */
  public static SambaDcExtension withLibdefaults(String... lines) {
    return new SambaDcExtension(List.of(lines));
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    dc = SambaDc.start(extraLibdefaults);
    dc.configureThisJvm();
    dc.addUser(USER, PASSWORD);
    ccache = dc.kinit(USER, PASSWORD);
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (dc != null) {
      dc.close();
    }
  }

  /** The running DC. */
  public SambaDc dc() {
    return dc;
  }

  /** {@value #USER}'s credential cache (a TGT, then the service tickets she asked for). */
  public Path ccache() {
    return ccache;
  }

  /** Exports a new service account's keytab: created with {@code enctypes} and one SPN. */
  public Path serviceKeytab(String account, String password, int enctypes, String spn)
      throws IOException {
    dc.addServiceAccount(account, password, enctypes, spn);
    Path keytab = dc.file(account + ".keytab");
    dc.exportKeytab(keytab, spn);
    return keytab;
  }
}
