package dev.krb5gss.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.krb5gss.metrics.MeterProbe;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import dev.krb5gss.web.RawHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import javax.security.auth.Subject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Boot starter offers {@code Krb5GssMetrics} as a bean when Micrometer is present (Actuator
 * binds it), and the binder counts the starter's accepts (a real ticket from the test KDC through
 * the embedded Tomcat). Not run on Boot 3.5: that execution takes Micrometer off the class path.
 */
@Tag("spring")
@ExtendWith(KdcExtension.class)
class SpringMetricsTest {

  @Test
  void theStarterOffersTheMetricsBinderAndItCountsTheStartersAccepts(KdcPrincipals names,
      @TempDir Path dir) throws Exception {
    assumeTrue(micrometerPresent(), "Micrometer is not on this class path (Boot 3.5 execution)");
    Path roles = Files.writeString(dir.resolve("roles.properties"), "* = users\n");
    String user = names.addUser("metrics-user", "pw");
    Subject client = names.kdc().login(user, "pw");
    try (ConfigurableApplicationContext app = SpringApps.start(StarterApp.class,
        Map.of("krb5gss.keytab", names.keytab(names.addService("HTTP")).toString(),
            "krb5gss.role-mapping", roles.toString()), null)) {
      MeterProbe meters = MeterProbe.bind(app.getBean("krb5gssMetrics"));
      try (JdkInitiator init = JdkInitiator.to(names.hostbased("HTTP")).spnego().start(client)) {
        RawHttp.Response r = RawHttp.once(SpringApps.port(app), "/who",
            "Negotiate " + Base64.getEncoder().encodeToString(init.firstToken()));
        assertThat(r.status).isEqualTo(200);
      } finally {
        meters.close();
      }

      assertThat(meters.accepts("spnego", "established", "none")).isEqualTo(1);
    }
  }

  /** Checked without touching MeterProbe, whose loading needs Micrometer. */
  private static boolean micrometerPresent() {
    try {
      Class.forName("io.micrometer.core.instrument.MeterRegistry");
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
