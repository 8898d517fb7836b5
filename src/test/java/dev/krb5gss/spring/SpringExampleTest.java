package dev.krb5gss.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import dev.krb5gss.web.RawHttp;
import java.io.Reader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import javax.security.auth.Subject;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.w3c.dom.Document;

/**
 * {@code jaas-examples/spring}, the starter example, as shipped: its application compiled from
 * source, run with its own {@code application.properties} (the keytab and role file pointed at the
 * test KDC's) and its own {@code roles.properties} shape, with JDK-initiator tokens; its pom names
 * this project's coordinates. The JVM runs without the add-exports flags, as spring/README.md
 * promises.
 */
@Tag("spring")
@ExtendWith(KdcExtension.class)
class SpringExampleTest {
  private static final Path EXAMPLE =
      Path.of(System.getProperty("basedir", ".")).resolve("jaas-examples/spring");

  private static KdcPrincipals names;
  private static Path keytab;
  private static String aliceName;
  private static Subject alice;
  private static Subject bob;
  @TempDir static Path tmp;

  @BeforeAll
  static void realm(KdcPrincipals principals) throws Exception {
    names = principals;
    keytab = names.keytab(names.addService("HTTP"));
    aliceName = names.addUser("alice", "pw");
    alice = names.kdc().login(aliceName, "pw");
    bob = names.kdc().login(names.addUser("bob", "pw"), "pw");
  }

  @Test
  void theExampleApplicationServesKerberosUsersWithItsOwnProperties() throws Exception {
    Class<?> app = compile(EXAMPLE.resolve("src/main/java/example/krb5gss/HelloApplication.java"),
        "example.krb5gss.HelloApplication");
    Properties shipped = new Properties();
    try (Reader r = Files.newBufferedReader(
        EXAMPLE.resolve("src/main/resources/application.properties"))) {
      shipped.load(r);
    }
    assertThat(shipped.stringPropertyNames()).contains("krb5gss.keytab", "krb5gss.role-mapping");
    String roles = Files.readString(EXAMPLE.resolve("roles.properties"))
        .replace("alice@EXAMPLE.COM", aliceName);
    Map<String, Object> props = new HashMap<>();
    shipped.forEach((k, v) -> props.put((String) k, v));
    props.put("krb5gss.keytab", keytab.toString());
    props.put("krb5gss.role-mapping", Files.writeString(tmp.resolve("roles.properties"), roles)
        .toString());
    props.put("server.port", "0");

    try (ConfigurableApplicationContext ctx = SpringApps.start(app, props, null);
        JdkInitiator a = JdkInitiator.to(names.hostbased("HTTP")).spnego().start(alice);
        JdkInitiator a2 = JdkInitiator.to(names.hostbased("HTTP")).spnego().start(alice);
        JdkInitiator b = JdkInitiator.to(names.hostbased("HTTP")).spnego().start(bob)) {
      int port = SpringApps.port(ctx);
      RawHttp.Response hello = RawHttp.once(port, "/", negotiate(a.firstToken()));
      assertThat(hello.status).isEqualTo(200);
      assertThat(hello.body).isEqualTo("Hello, " + aliceName);
      assertThat(RawHttp.once(port, "/admin", negotiate(a2.firstToken())).status).isEqualTo(200);
      assertThat(RawHttp.once(port, "/admin", negotiate(b.firstToken())).status).isEqualTo(403);
      assertThat(RawHttp.once(port, "/", null).status).isEqualTo(401);
    }
  }

  @Test
  void theExamplePomNamesThisProject() throws Exception {
    Document example = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(EXAMPLE.resolve("pom.xml").toFile());
    Document project = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(Path.of(System.getProperty("basedir", ".")).resolve("pom.xml").toFile());
    String version = project.getDocumentElement().getElementsByTagName("version").item(0)
        .getTextContent();
    String deps = example.getElementsByTagName("dependencies").item(0).getTextContent();
    assertThat(deps).contains("dev.krb5gss").contains("krb5gss").contains(version);
  }

  @Test
  void theJvmHasNoAddExports() {
    Module ours = SpringExampleTest.class.getModule();
    boolean exported = ModuleLayer.boot().findModule("java.security.jgss").orElseThrow()
        .isExported("sun.security.jgss.spi", ours);
    assertThat(exported).as("the spring executions run without --add-exports").isFalse();
  }

  private static String negotiate(byte[] token) {
    return "Negotiate " + Base64.getEncoder().encodeToString(token);
  }

  private static Class<?> compile(Path source, String className) throws Exception {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Path out = Files.createDirectories(tmp.resolve("classes"));
    int rc = javac.run(null, null, null, "-d", out.toString(),
        "-classpath", System.getProperty("java.class.path"), source.toString());
    assertThat(rc).as("javac " + source).isZero();
    URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()},
        SpringExampleTest.class.getClassLoader());
    return Class.forName(className, true, loader);
  }
}
