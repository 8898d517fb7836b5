package dev.krb5gss.ad;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.interop.AcceptorUnderTest;
import dev.krb5gss.interop.Curl;
import dev.krb5gss.web.tomcat.EmbeddedTomcat;
import dev.krb5gss.pac.Pac;
import dev.krb5gss.pac.Sid;
import dev.krb5gss.web.tomcat.PacJaasRealm;
import dev.krb5gss.web.tomcat.PacRealm;
import java.nio.file.Path;
import java.security.Principal;
import java.security.URIParameter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.security.auth.login.Configuration;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.catalina.Realm;
import org.apache.catalina.Valve;
import org.apache.catalina.realm.GenericPrincipal;
import org.apache.tomcat.util.IntrospectionUtils;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;

/**
 * jaas-examples/tomcat-ad against a Samba AD DC over {@code curl --negotiate}: the stock
 * SpnegoAuthenticator and the realm of {@code context.xml} ({@code PacRealm}) and of
 * {@code context-jaas.xml} ({@code PacJaasRealm} + {@code PacLoginModule} from
 * {@code jaas.conf}), configured only from those files (attributes set as Tomcat's digester
 * does, {@code ${...}} from system properties), with the example {@code roles.properties}. alice
 * is in {@code webinner}, nested in {@code webadmins}, nested in Domain Admins: role
 * {@code admin}; bob is only in Domain Users: {@code users}, and 403 on {@code /admin}.
 */
@RequiresSambaAd
class AdTomcatExamplesTest {
  private static final Path EXAMPLES =
      Path.of(System.getProperty("basedir", ".")).resolve("jaas-examples/tomcat-ad");
  private static final String SERVICE = "HTTP/localhost";
  private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

  @RegisterExtension
  static final SambaDcExtension AD = SambaDcExtension.create();

  private static SambaDc dc;
  private static Path bobCache;
  private static Configuration previous;

  private AcceptorUnderTest.Installation provider;

  @BeforeAll
  static void directoryAndJaas() throws Exception {
    dc = AD.dc();
    dc.addUser("bob", "B0b-Pass!xyz");
    dc.addGroup("webadmins");
    dc.addGroup("webinner");
    dc.addMembers("Domain Admins", "webadmins");
    dc.addMembers("webadmins", "webinner");
    dc.addMembers("webinner", SambaDcExtension.USER);
    Path keytab = AD.serviceKeytab("websvc", "W3bsvc-Pass!x", AdEnctypes.AES, SERVICE);
    bobCache = dc.kinit("bob", "B0b-Pass!xyz");
    System.setProperty("krb5gss.keytab", keytab.toString());
    System.setProperty("krb5gss.principal", dc.qualify(SERVICE));
    System.setProperty("krb5gss.roles", EXAMPLES.resolve("roles.properties").toString());
    previous = currentJaas();
    Configuration.setConfiguration(Configuration.getInstance("JavaLoginConfig",
        new URIParameter(EXAMPLES.resolve("jaas.conf").toUri())));
  }

  @AfterAll
  static void restoreJaas() {
    if (previous != null) {
      Configuration.setConfiguration(previous);
    }
    System.clearProperty("krb5gss.keytab");
    System.clearProperty("krb5gss.principal");
    System.clearProperty("krb5gss.roles");
  }

  @BeforeEach
  void installProvider() {
    provider = AcceptorUnderTest.KRB5GSS.install();
  }

  @AfterEach
  void uninstallProvider() {
    provider.close();
  }

  /** The PAC realm; it records the principal, whose PAC attribute shows what Samba put in. */
  @Test
  void pacRealmFromContextXml() throws Exception {
    Path xml = EXAMPLES.resolve("context.xml");
    RecordingPacRealm realm = new RecordingPacRealm();
    try (EmbeddedTomcat tomcat = EmbeddedTomcat.start(
        (Valve) fromXml(xml, "Valve", null), (Realm) fromXml(xml, "Realm", realm))) {
      assertAliceIsAdminAndBobIsNot(tomcat.port());
      assertThat(get(AD.ccache(), tomcat.port(), "/who").status()).isEqualTo(200);
      GenericPrincipal principal = (GenericPrincipal) realm.last;
      assertThat(principal.getRoles()).containsExactlyInAnyOrder("admin", "users");
      Pac pac = (Pac) principal.getAttribute(PacRealm.PAC_ATTRIBUTE);
      assertThat(pac.userSid()).isEqualTo(Sid.parse(dc.sid("alice")));
      assertThat(pac.domainSid()).isEqualTo(Sid.parse(dc.domainSid()));
      assertThat(pac.logonName()).isEqualTo("alice");
      assertThat(pac.domainName()).isEqualTo(SambaDc.DOMAIN);
      assertThat(pac.upn()).contains("alice@" + SambaDc.DNS_DOMAIN);
      assertThat(pac.dnsDomainName()).hasValueSatisfying(
          d -> assertThat(d).isEqualToIgnoringCase(SambaDc.DNS_DOMAIN));
      assertThat(pac.groupSids()).contains(Sid.parse(dc.sid("webinner")),
          Sid.parse(dc.sid("webadmins")), pac.domainSid().withRid(Sid.DOMAIN_ADMINS),
          pac.domainSid().withRid(Sid.DOMAIN_USERS));
    }
  }

  /** The JAAS route; the realm records the principal JAASRealm built, to show its SIDs. */
  @Test
  void pacJaasRealmAndPacLoginModuleFromContextJaasXml() throws Exception {
    Path xml = EXAMPLES.resolve("context-jaas.xml");
    RecordingRealm realm = new RecordingRealm();
    try (EmbeddedTomcat tomcat = EmbeddedTomcat.start(
        (Valve) fromXml(xml, "Valve", null), (Realm) fromXml(xml, "Realm", realm))) {
      assertAliceIsAdminAndBobIsNot(tomcat.port());
      Curl.Response alice = get(AD.ccache(), tomcat.port(), "/who");
      assertThat(alice.status()).isEqualTo(200);
      GenericPrincipal principal = (GenericPrincipal) realm.last;
      assertThat(principal.getName()).isEqualTo("alice");
      assertThat(principal.getUserPrincipal().getName()).isEqualTo(dc.qualify("alice"));
      assertThat(principal.getRoles()).contains("admin", "users", dc.sid("alice"),
          dc.sid("webinner"), dc.sid("webadmins"), dc.domainSid() + "-512",
          dc.domainSid() + "-513");
    }
  }

  private static void assertAliceIsAdminAndBobIsNot(int port) throws Exception {
    Curl.Response alice = get(AD.ccache(), port, "/admin");
    assertThat(alice.status()).as(alice.process().describe()).isEqualTo(200);
    assertThat(alice.body()).isEqualTo("user=alice");
    Curl.Response bob = get(bobCache, port, "/admin");
    assertThat(bob.status()).as(bob.process().describe()).isEqualTo(403);
    Curl.Response bobWho = get(bobCache, port, "/who");
    assertThat(bobWho.status()).as(bobWho.process().describe()).isEqualTo(200);
    assertThat(bobWho.body()).isEqualTo("user=bob");
  }

  private static Curl.Response get(Path ccache, int port, String path) throws Exception {
    return Curl.negotiate(dc, ccache, "http://localhost:" + port + path, false);
  }

  /**
   * The first {@code tag} element of the file as Tomcat's digester builds it: an instance of
   * {@code className} (or {@code instance}, which must be of that class), each other attribute
   * set through its bean setter, with {@code ${name}} replaced by the system property.
   */
  private static Object fromXml(Path file, String tag, Object instance) throws Exception {
    Element element = (Element) DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(file.toFile()).getElementsByTagName(tag).item(0);
    String className = element.getAttribute("className");
    Object bean = instance;
    if (bean == null) {
      bean = Class.forName(className).getConstructor().newInstance();
    } else {
      assertThat(bean).isInstanceOf(Class.forName(className));
    }
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      String name = attributes.item(i).getNodeName();
      if (!name.equals("className")) {
        assertThat(IntrospectionUtils.setProperty(bean, name,
            expand(attributes.item(i).getNodeValue()))).as("%s.%s", className, name).isTrue();
      }
    }
    return bean;
  }

  private static String expand(String value) {
    Matcher m = PROPERTY.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement = System.getProperty(m.group(1));
      assertThat(replacement).as("system property %s", m.group(1)).isNotNull();
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    return m.appendTail(out).toString();
  }

  private static Configuration currentJaas() {
    try {
      return Configuration.getConfiguration();
    } catch (SecurityException e) {
      return null;
    }
  }

  /** {@link PacRealm} remembering the last principal it returned. */
  private static final class RecordingPacRealm extends PacRealm {
    private volatile Principal last;

    @Override
    protected Principal getPrincipal(GSSName gssName, GSSCredential gssCredential,
        GSSContext gssContext) {
      last = super.getPrincipal(gssName, gssCredential, gssContext);
      return last;
    }
  }

  /** {@link PacJaasRealm} remembering the last principal it returned. */
  private static final class RecordingRealm extends PacJaasRealm {
    private volatile Principal last;

    @Override
    protected Principal getPrincipal(GSSName gssName, GSSCredential gssCredential,
        GSSContext gssContext) {
      last = super.getPrincipal(gssName, gssCredential, gssContext);
      return last;
    }
  }
}
