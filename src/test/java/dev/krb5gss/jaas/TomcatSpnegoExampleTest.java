package dev.krb5gss.jaas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.Krb5GssProvider;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.Principal;
import java.security.URIParameter;
import java.util.Base64;
import java.util.List;
import javax.security.auth.Subject;
import javax.security.auth.login.Configuration;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.catalina.Context;
import org.apache.catalina.authenticator.SpnegoAuthenticator;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.realm.GenericPrincipal;
import org.apache.catalina.realm.RealmBase;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.LoginConfig;
import org.apache.tomcat.util.descriptor.web.SecurityCollection;
import org.apache.tomcat.util.descriptor.web.SecurityConstraint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;

/**
 * jaas-examples/tomcat end to end: an embedded Tomcat with the SpnegoAuthenticator valve of
 * context.xml and the JVM's JAAS configuration from jaas.conf authenticates a real SPNEGO token
 * over HTTP on 127.0.0.1, with the JDK's mechanism and with krb5gss installed.
 */
@ExtendWith(KdcExtension.class)
class TomcatSpnegoExampleTest {
  private static final Path TOMCAT =
      Path.of(System.getProperty("basedir", ".")).resolve("jaas-examples/tomcat");
  private static KdcPrincipals names;
  private static String service;
  private static Path keytab;
  private static Subject alice;
  private static String aliceName;

  @TempDir Path base;
  private Tomcat tomcat;
  private Configuration previous;
  private int port;

  @BeforeAll
  static void kdc(KdcPrincipals principals) throws Exception {
    names = principals;
    service = names.addService("HTTP");
    keytab = names.keytab(service);
    aliceName = names.addUser("alice", "alice-pw");
    alice = names.kdc().login(aliceName, "alice-pw");
  }

  @BeforeEach
  void start() throws Exception {
    System.setProperty("krb5gss.keytab", keytab.toString());
    System.setProperty("krb5gss.principal", service);
    try {
      previous = Configuration.getConfiguration();
    } catch (SecurityException e) {
      previous = null;
    }
    Configuration.setConfiguration(Configuration.getInstance("JavaLoginConfig",
        new URIParameter(TOMCAT.resolve("jaas.conf").toUri())));
    tomcat = new Tomcat();
    tomcat.setBaseDir(base.toString());
    tomcat.setHostname("127.0.0.1");
    Connector connector = tomcat.getConnector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    Context ctx = tomcat.addContext("", base.toString());
    Tomcat.addServlet(ctx, "whoami", new WhoAmI());
    ctx.addServletMappingDecoded("/*", "whoami");
    protect(ctx);
    ctx.getPipeline().addValve(valveFromContextXml());
    ctx.setRealm(new AnyKerberosUser());
    tomcat.start();
    port = connector.getLocalPort();
  }

  @AfterEach
  void stop() throws Exception {
    tomcat.stop();
    tomcat.destroy();
    Configuration.setConfiguration(previous);
    Krb5GssProvider.uninstall();
    System.clearProperty("krb5gss.keytab");
    System.clearProperty("krb5gss.principal");
  }

  private static void protect(Context ctx) {
    SecurityCollection all = new SecurityCollection();
    all.addPattern("/*");
    SecurityConstraint constraint = new SecurityConstraint();
    constraint.addAuthRole("user");
    constraint.addCollection(all);
    ctx.addConstraint(constraint);
    ctx.addSecurityRole("user");
    LoginConfig login = new LoginConfig();
    login.setAuthMethod("SPNEGO");
    ctx.setLoginConfig(login);
  }

  /** The valve as context.xml declares it, every attribute set through its setter. */
  private static SpnegoAuthenticator valveFromContextXml() throws Exception {
    Element valve = (Element) DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(TOMCAT.resolve("context.xml").toFile()).getElementsByTagName("Valve").item(0);
    SpnegoAuthenticator auth = (SpnegoAuthenticator) Class.forName(valve.getAttribute("className"))
        .getConstructor().newInstance();
    NamedNodeMap attrs = valve.getAttributes();
    for (int i = 0; i < attrs.getLength(); i++) {
      String name = attrs.item(i).getNodeName();
      if (!name.equals("className")) {
        String setter = "set" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
        String value = attrs.item(i).getNodeValue();
        for (Method m : auth.getClass().getMethods()) {
          if (m.getName().equals(setter) && m.getParameterCount() == 1) {
            m.invoke(auth, m.getParameterTypes()[0] == boolean.class
                ? (Object) Boolean.parseBoolean(value) : value);
          }
        }
      }
    }
    assertThat(auth.getLoginConfigName()).isEqualTo("com.sun.security.jgss.krb5.accept");
    return auth;
  }

  @ParameterizedTest(name = "krb5gss provider installed: {0}")
  @ValueSource(booleans = {false, true})
  void negotiateAuthenticatesTheKerberosUser(boolean ours) throws Exception {
    if (ours) {
      Krb5GssProvider.install();
    }
    HttpClient http = HttpClient.newHttpClient();
    URI uri = URI.create("http://127.0.0.1:" + port + "/");

    HttpResponse<String> challenge = http.send(HttpRequest.newBuilder(uri).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(challenge.statusCode()).isEqualTo(401);
    assertThat(challenge.headers().firstValue("WWW-Authenticate")).contains("Negotiate");

    try (JdkInitiator init = JdkInitiator.to(names.hostbased("HTTP")).spnego().start(alice);
        OurAcceptorLog log = new OurAcceptorLog()) {
      HttpResponse<String> ok = http.send(HttpRequest.newBuilder(uri).header("Authorization",
          "Negotiate " + Base64.getEncoder().encodeToString(init.firstToken())).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).isEqualTo(aliceName);
      assertThat(log.establishedByKrb5gss()).isEqualTo(ours);
    }
  }

  /** A realm that gives every Kerberos-authenticated user the role "user" (realm kept, as server.xml). */
  private static final class AnyKerberosUser extends RealmBase {
    AnyKerberosUser() {
      setStripRealmForGss(false);
    }

    @Override
    protected String getPassword(String username) {
      return null;
    }

    @Override
    protected Principal getPrincipal(String username) {
      return new GenericPrincipal(username, List.of("user"));
    }
  }

  private static final class WhoAmI extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("text/plain");
      resp.getWriter().write(req.getRemoteUser());
    }
  }
}
