package dev.krb5gss.web.tomcat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.startup.Tomcat;

/**
 * An embedded Tomcat whose web application is configured only as Tomcat configures one from
 * files: {@code META-INF/context.xml} (the valve with its attributes, a {@code MemoryRealm},
 * parsed by Tomcat's Digester) and {@code WEB-INF/web.xml} (the SPNEGO login config and the
 * role constraints). /who needs "users", /admin "admin"; the servlet prints the remote user.
 */
final class TomcatXmlConfiguredValve implements AutoCloseable {
  private final Tomcat tomcat;
  private final Connector connector;
  final Context context;

  private TomcatXmlConfiguredValve(Tomcat tomcat, Connector connector, Context context) {
    this.tomcat = tomcat;
    this.connector = connector;
    this.context = context;
  }

  /** {@code valveXml} is the whole {@code <Valve .../>} element; {@code users} the realm file. */
  static TomcatXmlConfiguredValve start(String valveXml, String realmXml) throws Exception {
    TomcatXmlConfiguredValve t = startQuietly(valveXml, realmXml);
    if (!t.started()) {
      t.close();
      throw new IllegalStateException("the context did not start");
    }
    return t;
  }

  /** Starts; a context that fails to start is left FAILED (see the container's log). */
  static TomcatXmlConfiguredValve startQuietly(String valveXml, String realmXml)
      throws Exception {
    return startContextXml("<Context>\n  " + realmXml + "\n  " + valveXml + "\n</Context>\n");
  }

  /** With this whole context.xml (a JarScanner that skips the class path is added). */
  static TomcatXmlConfiguredValve startContextXml(String contextXml) throws Exception {
    Path base = Files.createTempDirectory("tomcat-xml");
    Path app = Files.createDirectories(base.resolve("app"));
    java.util.regex.Matcher element = java.util.regex.Pattern.compile("(?m)^<Context[^>]*>")
        .matcher(contextXml);
    if (!element.find()) {
      throw new IllegalArgumentException("no <Context> element at the start of a line");
    }
    int open = element.end();
    write(app.resolve("META-INF/context.xml"), contextXml.substring(0, open)
        + "\n  <JarScanner scanClassPath=\"false\"/>" + contextXml.substring(open));
    write(app.resolve("WEB-INF/web.xml"), webXml());
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(base.toString());
    tomcat.setAddDefaultWebXmlToWebapp(false);
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    ContextConfig config = new ContextConfig();
    config.setDefaultWebXml(org.apache.catalina.startup.Constants.NoDefaultWebXml);
    Context ctx = tomcat.addWebapp(tomcat.getHost(), "", app.toString(), config);
    ((StandardContext) ctx).setClearReferencesThreadLocals(false);
    ((StandardContext) ctx).setClearReferencesRmiTargets(false);
    try {
      tomcat.start();
    } catch (org.apache.catalina.LifecycleException e) {
      // the context failed: the caller inspects its state and the log
    }
    return new TomcatXmlConfiguredValve(tomcat, connector, ctx);
  }

  /** A MemoryRealm from a tomcat-users file with these users and their comma-separated roles. */
  static String memoryRealm(Map<String, String> usersAndRoles, boolean stripRealmForGss)
      throws IOException {
    StringBuilder users = new StringBuilder("<tomcat-users>\n");
    usersAndRoles.forEach((u, r) -> users.append("  <user username=\"").append(u)
        .append("\" password=\"unused\" roles=\"").append(r).append("\"/>\n"));
    users.append("</tomcat-users>\n");
    Path file = Files.createTempFile("tomcat-users", ".xml");
    Files.writeString(file, users);
    return "<Realm className=\"org.apache.catalina.realm.MemoryRealm\" pathname=\"" + file
        + "\" stripRealmForGss=\"" + stripRealmForGss + "\"/>";
  }

  boolean started() {
    return context.getState() == LifecycleState.STARTED;
  }

  int port() {
    return connector.getLocalPort();
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static String webXml() {
    return "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">\n"
        + "  <servlet><servlet-name>who</servlet-name>\n"
        + "    <servlet-class>" + EmbeddedTomcat.WhoServlet.class.getName() + "</servlet-class>"
        + "</servlet>\n"
        + "  <servlet-mapping><servlet-name>who</servlet-name><url-pattern>/*</url-pattern>"
        + "</servlet-mapping>\n"
        + constraint("/who", "users") + constraint("/admin", "admin")
        + "  <login-config><auth-method>SPNEGO</auth-method></login-config>\n"
        + "  <security-role><role-name>users</role-name></security-role>\n"
        + "  <security-role><role-name>admin</role-name></security-role>\n"
        + "</web-app>\n";
  }

  private static String constraint(String path, String role) {
    return "  <security-constraint><web-resource-collection><web-resource-name>" + role
        + "</web-resource-name><url-pattern>" + path + "</url-pattern></web-resource-collection>"
        + "<auth-constraint><role-name>" + role + "</role-name></auth-constraint>"
        + "</security-constraint>\n";
  }

  @Override
  public void close() throws Exception {
    tomcat.stop();
    tomcat.destroy();
  }
}
