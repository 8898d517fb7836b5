package dev.krb5gss.web.jetty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.xml.XmlConfiguration;

/**
 * A Jetty 12 server on 127.0.0.1:0 whose Negotiate authentication is configured only as a Jetty
 * base configures it: the example {@code krb5gss-native.xml} applied by {@link XmlConfiguration}
 * with {@code krb5gss.*} properties (what {@code start.ini} or the module's ini would set), in
 * front of a handler that prints the remote user.
 */
final class JettyXmlConfigured implements AutoCloseable {
  static final Path XML = Path.of(System.getProperty("basedir", "."))
      .resolve("jaas-examples/jetty-native/krb5gss-native.xml");

  final Server server;
  private final ServerConnector connector;

  private JettyXmlConfigured(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  /** Applies the XML with {@code properties}; the server is not started yet. */
  static JettyXmlConfigured configure(Map<String, String> properties) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(new EmbeddedJetty.Who());
    XmlConfiguration xml = new XmlConfiguration(ResourceFactory.of(server).newResource(XML));
    xml.getProperties().putAll(properties);
    xml.configure(server);
    return new JettyXmlConfigured(server, connector);
  }

  /** A users file in HashLoginService format: user and comma-separated roles, no password. */
  static Path users(Map<String, String> usersAndRoles) throws Exception {
    StringBuilder b = new StringBuilder();
    usersAndRoles.forEach((u, r) -> b.append(u).append(": ,").append(r).append('\n'));
    Path file = Files.createTempFile("krb5gss-users", ".properties");
    Files.writeString(file, b);
    return file;
  }

  JettyXmlConfigured start() throws Exception {
    server.start();
    return this;
  }

  int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
