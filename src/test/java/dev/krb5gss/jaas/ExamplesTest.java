package dev.krb5gss.jaas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.Krb5GssProvider;
import dev.krb5gss.keytab.AcceptorKeys;
import dev.krb5gss.testkit.JdkAcceptor;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.Reader;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.URIParameter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.security.auth.Subject;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;

/**
 * Loads every file of jaas-examples/: each configuration logs in with a keytab from the test KDC
 * and accepts a real client token through GSSManager, so no example can rot.
 */
@ExtendWith(KdcExtension.class)
class ExamplesTest {
  private static final Path EXAMPLES =
      Path.of(System.getProperty("basedir", ".")).resolve("jaas-examples");
  /** Every example file and the test that loads it; a new file without a test fails the build. */
  private static final Set<String> COVERED = Set.of(
      "generic/jaas.conf", "tomcat/jaas.conf", "tomcat/context.xml", "tomcat/server.xml",
      "tomcat/setenv.sh", "jetty/JettySpnego.java", "jetty/krb5gss.mod",
      "java.security/krb5gss.security", "java.security/krb5gss-by-name.security",
      "spring/KeytabJaasConfiguration.java", "jetty/krb5gss-check.xml",
      "tomcat-native/context.xml", "jetty-native/krb5gss-native.xml",
      "jetty-native/krb5gss-native.mod",
      // the starter example: dev.krb5gss.spring.SpringExampleTest
      "spring/pom.xml", "spring/roles.properties",
      "spring/src/main/java/example/krb5gss/HelloApplication.java",
      "spring/src/main/resources/application.properties",
      // Active Directory roles: dev.krb5gss.ad.AdTomcatExamplesTest (a Samba AD DC)
      "tomcat-ad/context.xml", "tomcat-ad/context-jaas.xml", "tomcat-ad/jaas.conf",
      "tomcat-ad/roles.properties");
  private static final List<String> EXPORTS = List.of(
      "java.security.jgss/sun.security.jgss.spi=ALL-UNNAMED",
      "java.security.jgss/sun.security.jgss=ALL-UNNAMED");

  private static KdcPrincipals names;
  private static String service;
  private static Path keytab;
  private static String aliceName;
  private static Subject alice;

  @TempDir Path tmp;

  @BeforeAll
  static void setUp(KdcPrincipals principals) throws Exception {
    names = principals;
    service = names.addService("HTTP");
    keytab = names.keytab(service);
    aliceName = names.addUser("alice", "alice-pw");
    alice = names.kdc().login(aliceName, "alice-pw");
  }

  @AfterEach
  void clearPlaceholders() {
    System.clearProperty("krb5gss.keytab");
    System.clearProperty("krb5gss.principal");
  }

  private static Path example(String relative) {
    assertThat(COVERED).contains(relative);
    Path p = EXAMPLES.resolve(relative);
    assertThat(p).isRegularFile();
    return p;
  }

  @Test
  void everyExampleFileIsCoveredAndEveryDirectoryHasAReadme() throws Exception {
    Set<String> onDisk;
    try (Stream<Path> files = Files.walk(EXAMPLES)) {
      onDisk = files.filter(Files::isRegularFile).map(p -> EXAMPLES.relativize(p).toString())
          .filter(p -> !p.endsWith("README.md")).collect(Collectors.toCollection(TreeSet::new));
    }
    assertThat(onDisk).containsExactlyInAnyOrderElementsOf(COVERED);
    for (String dir : List.of("", "generic", "tomcat", "jetty", "java.security", "spring",
        "tomcat-ad", "tomcat-native", "jetty-native")) {
      assertThat(EXAMPLES.resolve(dir).resolve("README.md")).isRegularFile();
    }
  }

  /**
   * Accepts a fresh client token through GSSManager twice: with the JDK's mechanism and the
   * whole Subject, then with krb5gss installed first and a Subject holding only krb5gss's
   * AcceptorKeys (which the JDK cannot use: so it is krb5gss that accepted). Returns the peer.
   */
  private static String accept(Subject service, boolean spnego) throws Exception {
    String byJdk = acceptOnce(service, spnego);
    Subject onlyOurs = new Subject();
    onlyOurs.getPrivateCredentials().addAll(AcceptorKeys.in(service));
    assertThat(onlyOurs.getPrivateCredentials()).hasSize(1);
    Krb5GssProvider.install();
    try (OurAcceptorLog log = new OurAcceptorLog()) {
      assertThat(acceptOnce(onlyOurs, spnego)).isEqualTo(byJdk);
      assertThat(log.establishedByKrb5gss()).isTrue();
    } finally {
      Krb5GssProvider.uninstall();
    }
    return byJdk;
  }

  private static String acceptOnce(Subject service, boolean spnego) throws Exception {
    JdkInitiator.Options to = JdkInitiator.to(names.hostbased("HTTP"));
    try (JdkInitiator init = (spnego ? to.spnego() : to).start(alice);
        JdkAcceptor acceptor = JdkAcceptor.create(service, null)) {
      byte[] reply = acceptor.accept(init.firstToken());
      if (reply != null && !init.isEstablished()) {
        init.complete(reply);
      }
      assertThat(acceptor.isEstablished()).isTrue();
      return acceptor.peerName();
    }
  }

  private static Configuration jaasFile(Path file) throws Exception {
    System.setProperty("krb5gss.keytab", keytab.toString());
    System.setProperty("krb5gss.principal", service);
    return Configuration.getInstance("JavaLoginConfig", new URIParameter(file.toUri()));
  }

  private static Subject login(Configuration config, String entry) throws Exception {
    LoginContext lc = new LoginContext(entry, new Subject(), null, config);
    lc.login();
    return lc.getSubject();
  }

  @Test
  void genericEntryLogsInAndAccepts() throws Exception {
    Configuration config = jaasFile(example("generic/jaas.conf"));

    Subject subject = login(config, "krb5gss-acceptor");

    assertThat(accept(subject, false)).isEqualTo(aliceName);
    assertThat(accept(subject, true)).isEqualTo(aliceName);
  }

  @Test
  void tomcatAcceptEntryLogsInAndAccepts() throws Exception {
    Configuration config = jaasFile(example("tomcat/jaas.conf"));

    Subject subject = login(config, "com.sun.security.jgss.krb5.accept");

    assertThat(accept(subject, true)).isEqualTo(aliceName);
    assertThat(config.getAppConfigurationEntry("krb5gss-roles")).hasSize(1);
  }

  @Test
  void tomcatXmlNamesTheJaasEntriesAndOnlyRealAttributes() throws Exception {
    Configuration jaas = jaasFile(example("tomcat/jaas.conf"));
    Element valve = element(example("tomcat/context.xml"), "Valve");
    Element realm = element(example("tomcat/server.xml"), "Realm");

    assertThat(valve.getAttribute("className"))
        .isEqualTo("org.apache.catalina.authenticator.SpnegoAuthenticator");
    assertThat(jaas.getAppConfigurationEntry(valve.getAttribute("loginConfigName"))).isNotNull();
    assertThat(jaas.getAppConfigurationEntry(realm.getAttribute("appName"))).isNotNull();
    assertAttributesAreBeanProperties(valve);
    assertAttributesAreBeanProperties(realm);
  }

  private static Element element(Path xml, String tag) throws Exception {
    return (Element) DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile())
        .getElementsByTagName(tag).item(0);
  }

  /** Tomcat's digester sets each attribute through a setter: every attribute must have one. */
  private static void assertAttributesAreBeanProperties(Element e) throws Exception {
    Class<?> type = Class.forName(e.getAttribute("className"));
    Set<String> writable = new TreeSet<>();
    for (PropertyDescriptor pd : Introspector.getBeanInfo(type).getPropertyDescriptors()) {
      if (pd.getWriteMethod() != null) {
        writable.add(pd.getName());
      }
    }
    NamedNodeMap attrs = e.getAttributes();
    for (int i = 0; i < attrs.getLength(); i++) {
      String name = attrs.item(i).getNodeName();
      if (!name.equals("className")) {
        assertThat(writable).as(type.getSimpleName() + "." + name).contains(name);
      }
    }
  }

  /**
   * setenv.sh names only files a README step copies (finding 5: it pointed at a
   * krb5gss.security no step copied, which the JDK ignores silently), and the exports.
   */
  @Test
  void tomcatSetenvPointsOnlyAtCopiedFilesAndCarriesTheExports() throws Exception {
    String setenv = Files.readString(example("tomcat/setenv.sh"));
    String readme = Files.readString(EXAMPLES.resolve("tomcat/README.md"));

    assertThat(setenv).contains("-Djava.security.auth.login.config=$CATALINA_BASE/conf/jaas.conf",
        "-Dkrb5gss.keytab=$CATALINA_BASE/conf/http.keytab", "-Dkrb5gss.principal=")
        .doesNotContain("java.security.properties", "CLASSPATH");
    for (String export : EXPORTS) {
      assertThat(setenv).contains("--add-exports " + export);
    }
    java.util.regex.Matcher named = java.util.regex.Pattern
        .compile("\\$CATALINA_BASE/(conf/[\\w.-]+)").matcher(setenv);
    while (named.find()) {
      assertThat(readme).as("a README step copies " + named.group(1))
          .contains("`$CATALINA_BASE/" + named.group(1) + "`");
    }
  }

  @Test
  void tomcatServerXmlHasTheCheckListener() throws Exception {
    Element listener = element(example("tomcat/server.xml"), "Listener");

    assertThat(listener.getAttribute("className"))
        .isEqualTo(dev.krb5gss.web.tomcat.Krb5GssCheckListener.class.getName());
    assertThat(listener.getAttribute("install")).isEqualTo("true");
    assertAttributesAreBeanProperties(listener);
  }

  @Test
  void tomcatNativeValveHasOnlyRealAttributes() throws Exception {
    Element valve = element(example("tomcat-native/context.xml"), "Valve");

    assertThat(valve.getAttribute("className"))
        .isEqualTo(dev.krb5gss.web.tomcat.NegotiateAuthenticator.class.getName());
    assertAttributesAreBeanProperties(valve);
  }

  /** The native module needs no JVM flags: no [exec], the XML and the jars only. */
  @Test
  void jettyNativeModuleLoadsTheXmlAndTheJarsOnly() throws Exception {
    Map<String, List<String>> sections = sections(example("jetty-native/krb5gss-native.mod"));

    assertThat(sections.get("xml")).containsExactly("etc/krb5gss-native.xml");
    assertThat(sections.get("lib")).containsExactly("lib/krb5gss/*.jar");
    assertThat(sections.get("depend")).containsExactly("server");
    assertThat(sections).doesNotContainKey("exec");
    assertThat(example("jetty-native/krb5gss-native.xml")).isRegularFile();
  }

  @ParameterizedTest(name = "krb5gss provider installed: {0}")
  @ValueSource(booleans = {false, true})
  void jettyCheckXmlStopsTheServerUnlessKrb5gssServes(boolean ours) throws Exception {
    Krb5GssProvider.uninstall();
    if (ours) {
      Krb5GssProvider.install();
    }
    org.eclipse.jetty.server.Server server = new org.eclipse.jetty.server.Server();
    try {
      org.eclipse.jetty.xml.XmlConfiguration xml = new org.eclipse.jetty.xml.XmlConfiguration(
          org.eclipse.jetty.util.resource.ResourceFactory.of(server)
              .newResource(example("jetty/krb5gss-check.xml")));
      if (ours) {
        xml.configure(server);
      } else {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> xml.configure(server))
            .hasStackTraceContaining("krb5gss is required but does not serve Kerberos")
            .hasStackTraceContaining("served by SunJGSS");
      }
    } finally {
      Krb5GssProvider.uninstall();
    }
  }

  @ParameterizedTest
  @CsvSource({"krb5gss.security, dev.krb5gss.Krb5GssProvider",
      "krb5gss-by-name.security, Krb5Gss"})
  void javaSecurityFileIsTheRunningJdksListWithOursFirst(String file, String first)
      throws Exception {
    Properties ours = properties(example("java.security/" + file));
    Properties jdk = properties(Path.of(System.getProperty("java.home"), "conf", "security",
        "java.security"));

    List<String> expected = new ArrayList<>();
    expected.add(first);
    expected.addAll(providerList(jdk));
    assertThat(providerList(ours)).containsExactlyElementsOf(expected);
    assertThat(ours.stringPropertyNames()).allMatch(k -> k.startsWith("security.provider."));
  }

  @ParameterizedTest
  @ValueSource(strings = {"krb5gss.security", "krb5gss-by-name.security"})
  void javaSecurityFileInstallsOurProviderFirstInAFreshJvm(String file) throws Exception {
    Path security = example("java.security/" + file);
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.security.properties=" + security));
    for (String export : EXPORTS) {
      command.add("--add-exports");
      command.add(export);
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"),
        ProviderListMain.class.getName()));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(child.getInputStream().readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8);
    assertThat(child.waitFor()).as(out).isZero();

    List<String> providers = List.of(out.lines().findFirst().orElseThrow().split(","));
    List<String> jdkNames = java.util.Arrays.stream(java.security.Security.getProviders())
        .map(java.security.Provider::getName).filter(n -> !n.equals("Krb5Gss"))
        .collect(Collectors.toList());
    assertThat(providers.get(0)).isEqualTo("Krb5Gss");
    assertThat(providers.subList(1, providers.size())).containsExactlyElementsOf(jdkNames);
    assertThat(out).contains("ms-krb5=true");
  }

  private static Properties properties(Path file) throws Exception {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    }
    return p;
  }

  /** security.provider.1..n in order; fails on a gap. */
  private static List<String> providerList(Properties p) {
    List<String> list = new ArrayList<>();
    int count = (int) p.stringPropertyNames().stream()
        .filter(k -> k.startsWith("security.provider.")).count();
    for (int i = 1; i <= count; i++) {
      String v = p.getProperty("security.provider." + i);
      assertThat(v).as("security.provider." + i).isNotNull();
      list.add(v.strip());
    }
    return list;
  }

  @Test
  void jettyModuleCarriesTheProviderListAndTheExports() throws Exception {
    Map<String, List<String>> sections = sections(example("jetty/krb5gss.mod"));

    List<String> exec = sections.get("exec");
    assertThat(exec).contains("-Djava.security.properties=${jetty.base}/etc/krb5gss.security");
    for (String export : EXPORTS) {
      assertThat(exec).contains("--add-exports=" + export);
    }
    assertThat(sections.get("files")).containsExactly("etc/krb5gss.security");
    assertThat(sections.get("xml")).containsExactly("etc/krb5gss-check.xml");
    assertThat(sections).containsKeys("description", "lib");
  }

  private static Map<String, List<String>> sections(Path mod) throws Exception {
    Map<String, List<String>> out = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : Files.readAllLines(mod)) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      if (l.startsWith("[") && l.endsWith("]")) {
        current = new ArrayList<>();
        out.put(l.substring(1, l.length() - 1), current);
      } else {
        assertThat(current).as("line outside a section: " + l).isNotNull();
        current.add(l);
      }
    }
    return out;
  }

  @ParameterizedTest(name = "krb5gss provider installed: {0}")
  @ValueSource(booleans = {false, true})
  void jettyLoginServiceAuthenticatesARealToken(boolean ours) throws Exception {
    if (ours) {
      Krb5GssProvider.install();
    }
    try (OurAcceptorLog log = new OurAcceptorLog()) {
      jettyLogin();
      assertThat(log.establishedByKrb5gss()).isEqualTo(ours);
    } finally {
      Krb5GssProvider.uninstall();
    }
  }

  private void jettyLogin() throws Exception {
    Class<?> jetty = compile(example("jetty/JettySpnego.java"), "example.krb5gss.JettySpnego");
    Method factory = jetty.getMethod("loginService", String.class, Path.class, String.class,
        String.class, org.eclipse.jetty.security.LoginService.class);
    org.eclipse.jetty.security.SPNEGOLoginService login =
        (org.eclipse.jetty.security.SPNEGOLoginService) factory.invoke(null,
            names.kdc().realm(), keytab, "HTTP", names.host(), null);
    login.start();
    try (JdkInitiator init = JdkInitiator.to(names.hostbased("HTTP")).spnego().start(alice)) {
      Function<Boolean, org.eclipse.jetty.server.Session> noSession = create -> null;
      org.eclipse.jetty.security.UserIdentity user = login.login(null,
          Base64.getEncoder().encodeToString(init.firstToken()), null, noSession);

      assertThat(user).isNotNull();
      // Jetty reports the user without its realm
      assertThat(user.getUserPrincipal().getName())
          .isEqualTo(aliceName.substring(0, aliceName.indexOf('@')));
    } finally {
      login.stop();
    }
  }

  @Test
  void springConfigurationLogsInAndAccepts() throws Exception {
    Class<?> type = compile(example("spring/KeytabJaasConfiguration.java"),
        "example.krb5gss.KeytabJaasConfiguration");
    Object config = type.getConstructor(Path.class, String.class).newInstance(keytab, service);

    LoginContext lc = (LoginContext) type.getMethod("login").invoke(config);

    assertThat(accept(lc.getSubject(), true)).isEqualTo(aliceName);
    lc.logout();
    assertThat(lc.getSubject().getPrivateCredentials()).isEmpty();
  }

  /** Compiles an example source with the test class path and loads {@code className}. */
  private Class<?> compile(Path source, String className) throws Exception {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Path out = Files.createDirectories(tmp.resolve("classes"));
    int rc = javac.run(null, null, null, "-d", out.toString(),
        "-classpath", System.getProperty("java.class.path"), source.toString());
    assertThat(rc).as("javac " + source).isZero();
    URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()},
        getClass().getClassLoader());
    return Class.forName(className, true, loader);
  }
}
