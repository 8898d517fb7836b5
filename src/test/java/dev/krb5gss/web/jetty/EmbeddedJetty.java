package dev.krb5gss.web.jetty;

import dev.krb5gss.web.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Principal;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.security.AuthenticationState;
import org.eclipse.jetty.security.Authenticator;
import org.eclipse.jetty.security.Constraint;
import org.eclipse.jetty.security.LoginService;
import org.eclipse.jetty.security.SecurityHandler;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * An embedded Jetty 12 on 127.0.0.1:0: /who (role "users") prints the remote user; /admin ("admin").
 * Public for the MIT interop suite (dev.krb5gss.interop.WebContainerCurlInteropTest).
 */
public final class EmbeddedJetty implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;

  private EmbeddedJetty(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  public static EmbeddedJetty start(Authenticator authenticator, LoginService login, Constraint who,
      Handler.Wrapper outer) throws Exception {
    Server server = new Server();
    return start(server, new ServerConnector(server), authenticator, login, who, outer);
  }

  /** HTTPS with the key of {@code keyStore} (TestCertificates), TLS session data on requests. */
  static EmbeddedJetty startTls(Authenticator authenticator, Path keyStore) throws Exception {
    Server server = new Server();
    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setKeyStorePath(keyStore.toString());
    tls.setKeyStorePassword(TestCertificates.PASSWORD);
    tls.setKeyStoreType("PKCS12");
    HttpConfiguration https = new HttpConfiguration();
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(false);
    https.addCustomizer(secure);
    ServerConnector connector = new ServerConnector(server,
        new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(https));
    return start(server, connector, authenticator, null, Constraint.from("users"), null);
  }

  private static EmbeddedJetty start(Server server, ServerConnector connector,
      Authenticator authenticator, LoginService login, Constraint who, Handler.Wrapper outer)
      throws Exception {
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    SecurityHandler.PathMapped security = new SecurityHandler.PathMapped();
    security.put("/who", who);
    security.put("/admin", Constraint.from("admin"));
    security.setAuthenticator(authenticator);
    if (login != null) {
      security.setLoginService(login);
    }
    security.setHandler(new Who());
    if (outer != null) {
      outer.setHandler(security);
      server.setHandler(outer);
    } else {
      server.setHandler(security);
    }
    server.start();
    return new EmbeddedJetty(server, connector);
  }

  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  /** Prints the remote user. */
  public static final class Who extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      Principal user = AuthenticationState.getUserPrincipal(request);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
      response.write(true, StandardCharsets.UTF_8.encode(
          "user=" + (user == null ? null : user.getName())), callback);
      return true;
    }
  }
}
