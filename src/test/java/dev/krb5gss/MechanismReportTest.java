package dev.krb5gss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.web.LogCapture;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which provider serves Kerberos, and why: the recipes' self-check. */
class MechanismReportTest {
  private static final String PROP = "java.security.properties";
  private final String previous = System.getProperty(PROP);

  @AfterEach
  void restore() {
    Krb5GssProvider.uninstall();
    if (previous == null) {
      System.clearProperty(PROP);
    } else {
      System.setProperty(PROP, previous);
    }
  }

  @Test
  void installedFirstKrb5gssServesAndTheStartupLineSaysSo() {
    Krb5GssProvider.install();
    try (LogCapture startup = LogCapture.of("dev.krb5gss.startup", Level.ALL)) {
      MechanismReport report = Krb5GssProvider.requireActive();

      assertThat(report.krb5gssServes()).isTrue();
      assertThat(startup.messages()).singleElement().asString()
          .contains("Kerberos V5 is served by Krb5Gss", "provider 1 of");
    }
  }

  @Test
  void aMissingSecurityPropertiesFileIsNamedAndRequireActiveFails() {
    Krb5GssProvider.uninstall();
    System.setProperty(PROP, "/nonexistent/conf/krb5gss.security");

    assertThat(MechanismReport.now().krb5gssServes()).isFalse();
    assertThatThrownBy(Krb5GssProvider::requireActive).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Kerberos V5 is served by SunJGSS")
        .hasMessageContaining("/nonexistent/conf/krb5gss.security (that file DOES NOT EXIST");
  }

  @Test
  void registeredBehindTheJdkSaysListItFirst() {
    Krb5GssProvider.uninstall();
    java.security.Security.addProvider(Krb5GssProvider.instance());

    assertThat(MechanismReport.now().toString()).contains("served by SunJGSS", "behind SunJGSS",
        "list it first");
  }
}
