package dev.krb5gss.demo;

import java.nio.file.Path;
import java.security.Principal;
import javax.security.auth.Subject;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.security.AuthenticationState;
import org.eclipse.jetty.security.Constraint;
import org.eclipse.jetty.security.DefaultIdentityService;
import org.eclipse.jetty.security.IdentityService;
import org.eclipse.jetty.security.LoginService;
import org.eclipse.jetty.security.SPNEGOLoginService;
import org.eclipse.jetty.security.SecurityHandler;
import org.eclipse.jetty.security.UserIdentity;
import org.eclipse.jetty.security.authentication.SPNEGOAuthenticator;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.Session;
import org.eclipse.jetty.util.Callback;

/**
 * Unmodified Jetty 12 (core): its own {@link SPNEGOLoginService} (which logs the service in from
 * a keytab and holds one {@code GSSManager.getInstance()}) and {@link SPNEGOAuthenticator}, with
 * krb5gss installed first. Three JDK SPNEGO clients authenticate in turn. Prints
 * {@code RESULT ok=.. bodies=.. krb5gssEstablished=..}; exit 0 on success. Run in a fresh JVM.
 */
public final class JettySpnegoMain {
  private JettySpnegoMain() {}

  public static void main(String[] args) throws Exception {
    StockContainerRun.run("KRB5GSS.JETTY", (kdc, http, keytab) -> {
      Server server = startJetty(keytab);
      return new StockContainerRun.Container() {
        @Override
        public int port() {
          return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        }

        @Override
        public void stop() throws Exception {
          server.stop();
        }
      };
    });
  }

  private static Server startJetty(Path keytab) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    SPNEGOLoginService login = new SPNEGOLoginService("KRB5GSS.JETTY", new EveryoneIsAUser());
    login.setServiceName("HTTP");
    login.setHostName("localhost");
    login.setKeyTabPath(keytab);
    SecurityHandler.PathMapped security = new SecurityHandler.PathMapped();
    security.put("/*", Constraint.from("user"));
    security.setLoginService(login);
    security.setAuthenticator(new SPNEGOAuthenticator());
    security.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        AuthenticationState auth = AuthenticationState.getAuthenticationState(request);
        String user = auth == null || auth.getUserPrincipal() == null ? "nobody"
            : auth.getUserPrincipal().getName();
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
        Content.Sink.write(response, true, "Hello, " + user, callback);
        return true;
      }
    });
    server.setHandler(security);
    server.start();
    return server;
  }

  /** Role source for SPNEGOLoginService: every authenticated principal has the role "user". */
  private static final class EveryoneIsAUser implements LoginService {
    private IdentityService identities = new DefaultIdentityService();

    @Override
    public String getName() {
      return "KRB5GSS.JETTY";
    }

    /** Called by the default getUserIdentity with the Kerberos user name; roles only. */
    @Override
    public UserIdentity login(String username, Object credentials, Request request,
        java.util.function.Function<Boolean, Session> getOrCreateSession) {
      Principal user = () -> username;
      return identities.newUserIdentity(new Subject(), user, new String[] {"user"});
    }

    @Override
    public boolean validate(UserIdentity user) {
      return true;
    }

    @Override
    public IdentityService getIdentityService() {
      return identities;
    }

    @Override
    public void setIdentityService(IdentityService service) {
      this.identities = service;
    }

    @Override
    public void logout(UserIdentity user) {}
  }
}
