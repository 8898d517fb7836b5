package dev.krb5gss.web.tomcat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.Krb5GssProvider;
import dev.krb5gss.web.LogCapture;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The drop-in recipe's self-check, configured as Tomcat configures it (a {@code <Listener>} in
 * the context's XML): the start fails unless krb5gss serves Kerberos, naming why.
 */
class Krb5GssCheckListenerTest {
  private static final String LISTENER =
      "<Listener className=\"" + Krb5GssCheckListener.class.getName() + "\"/>";

  @AfterEach
  void uninstall() {
    Krb5GssProvider.uninstall();
  }

  private static String realm() throws Exception {
    return TomcatXmlConfiguredValve.memoryRealm(Map.of("alice", "users"), true);
  }

  @Test
  void withoutKrb5gssTheStartFailsNamingWhoServesInstead() throws Exception {
    Krb5GssProvider.uninstall();
    try (LogCapture log = LogCapture.of("org.apache.catalina", Level.ALL);
        TomcatXmlConfiguredValve tomcat = TomcatXmlConfiguredValve.startQuietly(LISTENER,
            realm())) {
      assertThat(tomcat.started()).isFalse();
      assertThat(log.records().stream().map(LogRecord::getThrown).filter(Objects::nonNull)
          .flatMap(t -> java.util.stream.Stream.iterate(t, Objects::nonNull, Throwable::getCause))
          .map(Throwable::getMessage).filter(Objects::nonNull))
          .anySatisfy(m -> assertThat(m).contains("krb5gss is required but does not serve",
              "served by SunJGSS"));
    }
  }

  @Test
  void installTrueInstallsTheProviderAndTheStartGoesOn() throws Exception {
    Krb5GssProvider.uninstall();
    try (LogCapture startup = LogCapture.of("dev.krb5gss.startup", Level.ALL);
        TomcatXmlConfiguredValve tomcat = TomcatXmlConfiguredValve.start(
            "<Listener className=\"" + Krb5GssCheckListener.class.getName()
                + "\" install=\"true\"/>", realm())) {
      assertThat(tomcat.started()).isTrue();
      assertThat(java.security.Security.getProviders()[0].getName())
          .isEqualTo(Krb5GssProvider.NAME);
      assertThat(startup.messages()).anySatisfy(m ->
          assertThat(m).contains("Kerberos V5 is served by Krb5Gss"));
    }
  }

  @Test
  void withKrb5gssFirstTheStartGoesOnAndSaysSo() throws Exception {
    Krb5GssProvider.install();
    try (LogCapture startup = LogCapture.of("dev.krb5gss.startup", Level.ALL);
        TomcatXmlConfiguredValve tomcat = TomcatXmlConfiguredValve.start(LISTENER, realm())) {
      assertThat(tomcat.started()).isTrue();
      assertThat(startup.messages()).anySatisfy(m ->
          assertThat(m).contains("Kerberos V5 is served by Krb5Gss"));
    }
  }
}
