package dev.krb5gss.web.tomcat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import dev.krb5gss.web.NegotiateAdapterContractAccess;
import dev.krb5gss.web.RawHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.security.auth.Subject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * jaas-examples/tomcat-native/context.xml as Tomcat reads it (its digester expands
 * {@code ${krb5gss.keytab}} from the system property), with a realm added as an administrator
 * would: a real SPNEGO token gets a 200 with the realm-less user, and the realm's roles apply.
 */
@ExtendWith(KdcExtension.class)
class TomcatNativeExampleTest {
  private static final Path EXAMPLE = Path.of(System.getProperty("basedir", "."))
      .resolve("jaas-examples/tomcat-native/context.xml");

  private static KdcPrincipals names;
  private static Subject alice;
  private static String aliceUser;
  private static Path keytab;

  @BeforeAll
  static void realm(KdcPrincipals principals) throws Exception {
    names = principals;
    keytab = names.keytab(names.addService("HTTP"));
    String aliceName = names.addUser("alice", "pw");
    aliceUser = aliceName.substring(0, aliceName.indexOf('@'));
    alice = names.kdc().login(aliceName, "pw");
  }

  @AfterEach
  void clear() {
    System.clearProperty("krb5gss.keytab");
  }

  @Test
  void theExampleContextAuthenticatesARealTokenWithTheRealmsRoles() throws Exception {
    System.setProperty("krb5gss.keytab", keytab.toString());
    String context = Files.readString(EXAMPLE).replace("</Context>",
        TomcatXmlConfiguredValve.memoryRealm(Map.of(aliceUser, "users"), true) + "\n</Context>");
    try (TomcatXmlConfiguredValve tomcat = TomcatXmlConfiguredValve.startContextXml(context);
        JdkInitiator who = JdkInitiator.to(names.hostbased("HTTP")).spnego().start(alice);
        JdkInitiator admin = JdkInitiator.to(names.hostbased("HTTP")).spnego().start(alice)) {
      assertThat(tomcat.started()).isTrue();
      RawHttp.Response ok = RawHttp.once(tomcat.port(), "/who",
          NegotiateAdapterContractAccess.negotiate(who.firstToken()));
      RawHttp.Response forbidden = RawHttp.once(tomcat.port(), "/admin",
          NegotiateAdapterContractAccess.negotiate(admin.firstToken()));

      assertThat(ok.status).isEqualTo(200);
      assertThat(ok.body).isEqualTo("user=" + aliceUser);
      assertThat(ok.negotiateToken()).isPresent();
      assertThat(forbidden.status).isEqualTo(403);
    }
  }
}
