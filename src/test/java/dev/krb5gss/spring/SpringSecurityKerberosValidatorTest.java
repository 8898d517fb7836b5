package dev.krb5gss.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.context.Acceptor;
import dev.krb5gss.spring.kerberos.Krb5GssTicketValidator;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import dev.krb5gss.web.RawHttp;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import javax.security.auth.Subject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.BadCredentialsException;

/**
 * An existing Spring Security Kerberos configuration with only the validator bean swapped for
 * {@link Krb5GssTicketValidator}: real tickets through its own SPNEGO filter and provider.
 */
@Tag("spring")
@ExtendWith(KdcExtension.class)
class SpringSecurityKerberosValidatorTest {
  private static KdcPrincipals names;
  private static Subject alice;
  private static String aliceName;
  private static Path keytab;
  private static Path otherKeytab;
  private ConfigurableApplicationContext app;

  @BeforeAll
  static void realm(KdcPrincipals principals) throws Exception {
    names = principals;
    keytab = names.keytab(names.addService("HTTP"));
    otherKeytab = names.keytab(names.addService("other"));
    aliceName = names.addUser("alice", "pw");
    alice = names.kdc().login(aliceName, "pw");
  }

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  private int start(Path serviceKeytab) throws Exception {
    Acceptor acceptor = Acceptor.builder().keytab(serviceKeytab).build();
    app = SpringApps.start(SpringSecurityKerberosApp.class, Map.of(),
        ctx -> ctx.registerBean(Acceptor.class, () -> acceptor));
    return SpringApps.port(app);
  }

  private static String negotiate(byte[] token) {
    return "Negotiate " + Base64.getEncoder().encodeToString(token);
  }

  @Test
  void theSpringSecurityKerberosFilterAuthenticatesThroughKrb5gss() throws Exception {
    int port = start(keytab);
    try (JdkInitiator init = JdkInitiator.to(names.hostbased("HTTP")).spnego().start(alice)) {
      RawHttp.Response r = RawHttp.once(port, "/who", negotiate(init.firstToken()));

      assertThat(r.status).isEqualTo(200);
      assertThat(r.body).isEqualTo("user=" + aliceName);
    }
    assertThat(RawHttp.once(port, "/who", null).header("WWW-Authenticate")).contains("Negotiate");
  }

  @Test
  void aRejectionCarriesTheReasonNotChecksumFailed() throws Exception {
    Krb5GssTicketValidator validator =
        new Krb5GssTicketValidator(Acceptor.builder().keytab(otherKeytab).build());
    try (JdkInitiator init = JdkInitiator.to(names.hostbased("HTTP")).spnego().start(alice)) {
      byte[] token = init.firstToken();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> validator.validateTicket(token))
          .isInstanceOf(BadCredentialsException.class)
          .hasMessageStartingWith("SERVICE_NOT_IN_KEYTAB");
    }
  }
}
