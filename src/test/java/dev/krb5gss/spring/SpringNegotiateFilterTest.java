package dev.krb5gss.spring;

import dev.krb5gss.testkit.KdcPrincipals;
import dev.krb5gss.web.NegotiateAdapterContract;
import dev.krb5gss.web.NegotiateHandler;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The krb5gss Spring Security filter, added to a user's own {@code SecurityFilterChain} by
 * {@code Krb5GssConfigurer}, in a real Spring Boot application: every case the native Tomcat and
 * Jetty adapters pass (one- and multi-leg SPNEGO, NTLM first, mechListMIC leg, leg timeout,
 * replay, 403 for a foreign service, keep-alive, roles through {@code @PreAuthorize}).
 */
@Tag("spring")
class SpringNegotiateFilterTest extends NegotiateAdapterContract {
  private ConfigurableApplicationContext app;

  @BeforeAll
  static void realm(KdcPrincipals principals) throws Exception {
    setUpRealm(principals);
  }

  @Override
  protected int start(NegotiateHandler handler) {
    app = SpringApps.start(UserChainApp.class, Map.of(),
        ctx -> ctx.registerBean(NegotiateHandler.class, () -> handler));
    return SpringApps.port(app);
  }

  /** Spring's Authentication keeps the full principal name, as Spring Security Kerberos does. */
  @Override
  protected String aliceUser() {
    return aliceName;
  }

  @Override
  protected void stop() {
    app.close();
  }
}
