package dev.krb5gss.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.jaas.KeytabLoginModule;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import dev.krb5gss.web.jetty.EmbeddedJetty;
import dev.krb5gss.web.tomcat.EmbeddedTomcat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import javax.security.auth.Subject;
import org.apache.catalina.authenticator.SpnegoAuthenticator;
import org.apache.catalina.realm.GenericPrincipal;
import org.apache.catalina.realm.RealmBase;
import org.eclipse.jetty.security.AnyUserLoginService;
import org.eclipse.jetty.security.Constraint;
import org.eclipse.jetty.security.SPNEGOLoginService;
import org.eclipse.jetty.security.authentication.SPNEGOAuthenticator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A keytab rewritten in place under the drop-in routes (finding 9): truncated mid-write, then
 * empty, then missing, then whole again, as a deployment tool leaves it for a moment. Stock
 * Tomcat ({@link SpnegoAuthenticator}, {@link KeytabLoginModule} per request) and stock Jetty
 * ({@link SPNEGOLoginService}) on the krb5gss provider answer every request from a real JDK
 * initiator with 200, and krb5gss warns once per change of the file.
 */
@ExtendWith(KdcExtension.class)
class KeytabRewriteDropInTest {
  private static final String TOMCAT_JAAS_ENTRY = "com.sun.security.jgss.krb5.accept";

  private static KdcPrincipals names;
  private static String service;
  private static Subject alice;
  private static byte[] keytabBytes;

  @TempDir Path dir;
  private Path keytab;
  private LogCapture log;

  @BeforeAll
  static void realm(KdcPrincipals principals) throws Exception {
    names = principals;
    service = names.addService("HTTP");
    keytabBytes = Files.readAllBytes(names.keytab(service));
    String aliceName = names.addUser("alice", "pw");
    alice = names.kdc().login(aliceName, "pw");
  }

  @BeforeEach
  void freshKeytab() throws Exception {
    keytab = dir.resolve("http.keytab");
    Files.write(keytab, keytabBytes);
    log = LogCapture.of("dev.krb5gss", Level.ALL);
  }

  @AfterEach
  void release() {
    log.close();
  }

  @Test
  void stockTomcatWithTheLoginModuleServesEveryRequestThroughTheRewrite() throws Exception {
    try (DropIn dropIn = DropIn.install(TOMCAT_JAAS_ENTRY, KeytabLoginModule.class.getName(),
            Map.of("keyTab", keytab.toString(), "principal", service));
        EmbeddedTomcat tomcat = EmbeddedTomcat.start(new SpnegoAuthenticator(), new UsersRealm())) {
      rewriteSequence(tomcat.port());
    }
  }

  @Test
  void stockJettyServesEveryRequestThroughTheRewrite() throws Exception {
    String realm = names.kdc().realm();
    SPNEGOLoginService login = new SPNEGOLoginService(realm, new AnyUserLoginService(realm, null));
    login.setKeyTabPath(keytab);
    login.setServiceName("HTTP");
    login.setHostName(names.host());
    try (DropIn dropIn = DropIn.install(null, null, null);
        EmbeddedJetty jetty = EmbeddedJetty.start(new SPNEGOAuthenticator(), login,
            Constraint.ANY_USER, null)) {
      rewriteSequence(jetty.port());
    }
  }

  private void rewriteSequence(int port) throws Exception {
    assertThat(get(port)).as("whole").isEqualTo(200);
    assertThat(warnings()).isEmpty();

    Files.write(keytab, Arrays.copyOf(keytabBytes, keytabBytes.length / 2));
    settle();
    assertThat(get(port)).as("truncated").isEqualTo(200);
    assertThat(get(port)).as("truncated, again").isEqualTo(200);
    assertThat(warnings()).as("truncated").hasSize(1);

    Files.write(keytab, new byte[0]);
    settle();
    assertThat(get(port)).as("empty").isEqualTo(200);
    assertThat(warnings()).as("empty").hasSize(2);

    Files.delete(keytab);
    settle();
    assertThat(get(port)).as("missing").isEqualTo(200);
    assertThat(get(port)).as("missing, again").isEqualTo(200);
    assertThat(warnings()).as("missing").hasSize(3);

    Files.write(keytab, keytabBytes);
    settle();
    assertThat(get(port)).as("restored").isEqualTo(200);
    assertThat(warnings()).as("restored").hasSize(3);
  }

  /** Key sources look at the file at most once a second (KeytabCache.recent): let that pass. */
  private static void settle() throws InterruptedException {
    Thread.sleep(1_100);
  }

  private static int get(int port) throws Exception {
    try (JdkInitiator init = JdkInitiator.to(names.hostbased("HTTP")).spnego().start(alice)) {
      return RawHttp.once(port, "/who", NegotiateAdapterContractAccess.negotiate(
          init.firstToken())).status;
    }
  }

  private List<String> warnings() {
    return log.records().stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
        .map(LogCapture::format).collect(Collectors.toList());
  }

  /** Gives every Kerberos-authenticated user the role "users". */
  static final class UsersRealm extends RealmBase {
    @Override
    protected String getPassword(String username) {
      return null;
    }

    @Override
    protected Principal getPrincipal(String username) {
      return new GenericPrincipal(username, List.of("users"));
    }
  }
}
