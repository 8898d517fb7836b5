package dev.krb5gss.web.tomcat;

import dev.krb5gss.web.TestCertificates;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.Realm;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.LoginConfig;
import org.apache.tomcat.util.descriptor.web.SecurityCollection;
import org.apache.tomcat.util.descriptor.web.SecurityConstraint;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;

/**
 * An embedded Tomcat on 127.0.0.1:0: /who (role "users") prints the remote user; /admin ("admin").
 * Public for the MIT interop suite (dev.krb5gss.interop.WebContainerCurlInteropTest).
 */
public final class EmbeddedTomcat implements AutoCloseable {
  private final Tomcat tomcat;
  private final Connector connector;

  private EmbeddedTomcat(Tomcat tomcat, Connector connector) {
    this.tomcat = tomcat;
    this.connector = connector;
  }

  public static EmbeddedTomcat start(Valve authenticator, Realm realm) throws Exception {
    return start(authenticator, realm, connector());
  }

  /** HTTPS with the key and certificate of {@code keyStore} (TestCertificates). */
  static EmbeddedTomcat startTls(Valve authenticator, Realm realm, Path keyStore)
      throws Exception {
    Connector connector = connector();
    connector.setSecure(true);
    connector.setScheme("https");
    connector.setProperty("SSLEnabled", "true");
    SSLHostConfig ssl = new SSLHostConfig();
    SSLHostConfigCertificate cert =
        new SSLHostConfigCertificate(ssl, SSLHostConfigCertificate.Type.UNDEFINED);
    cert.setCertificateKeystoreFile(keyStore.toString());
    cert.setCertificateKeystorePassword(TestCertificates.PASSWORD);
    cert.setCertificateKeystoreType("PKCS12");
    cert.setCertificateKeyAlias(TestCertificates.ALIAS);
    ssl.addCertificate(cert);
    connector.addSslHostConfig(ssl);
    return start(authenticator, realm, connector);
  }

  private static Connector connector() {
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    return connector;
  }

  private static EmbeddedTomcat start(Valve authenticator, Realm realm, Connector connector)
      throws Exception {
    Path base = Files.createTempDirectory("tomcat");
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(base.toString());
    tomcat.setConnector(connector);
    Context ctx = tomcat.addContext("", base.toString());
    ((StandardContext) ctx).setClearReferencesThreadLocals(false);
    ((StandardContext) ctx).setClearReferencesRmiTargets(false);
    Tomcat.addServlet(ctx, "who", new WhoServlet());
    ctx.addServletMappingDecoded("/*", "who");
    ctx.addConstraint(constraint("/who", "users"));
    ctx.addConstraint(constraint("/admin", "admin"));
    ctx.addSecurityRole("users");
    ctx.addSecurityRole("admin");
    LoginConfig login = new LoginConfig();
    login.setAuthMethod("SPNEGO");
    ctx.setLoginConfig(login);
    ctx.setRealm(realm);
    ctx.getPipeline().addValve(authenticator);
    tomcat.start();
    return new EmbeddedTomcat(tomcat, connector);
  }

  private static SecurityConstraint constraint(String path, String role) {
    SecurityConstraint c = new SecurityConstraint();
    c.addAuthRole(role);
    SecurityCollection collection = new SecurityCollection();
    collection.addPattern(path);
    c.addCollection(collection);
    return c;
  }

  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    tomcat.stop();
    tomcat.destroy();
  }

  /** Prints the remote user; public so a web.xml can name it. */
  public static final class WhoServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("text/plain");
      resp.getWriter().print("user=" + req.getRemoteUser());
    }
  }
}
