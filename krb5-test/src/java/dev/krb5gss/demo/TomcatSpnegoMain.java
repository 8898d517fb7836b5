package dev.krb5gss.demo;

import dev.krb5gss.web.tomcat.UsersRealm;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.authenticator.SpnegoAuthenticator;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.LoginConfig;
import org.apache.tomcat.util.descriptor.web.SecurityCollection;
import org.apache.tomcat.util.descriptor.web.SecurityConstraint;

/**
 * Unmodified Tomcat (embedded): its own {@link SpnegoAuthenticator}, which logs the service in
 * through JAAS ({@code com.sun.security.jgss.krb5.accept}, Krb5LoginModule with a keytab) and
 * calls {@code GSSManager.getInstance()} on every request, with krb5gss installed. Three JDK
 * SPNEGO clients authenticate in turn. Prints {@code RESULT ok=.. bodies=..}; exit 0 on success.
 * Run in a fresh JVM: the JAAS and Kerberos configurations are JVM-wide.
 */
public final class TomcatSpnegoMain {
  private TomcatSpnegoMain() {}

  public static void main(String[] args) throws Exception {
    StockContainerRun.run("KRB5GSS.TOMCAT", (kdc, http, keytab) -> {
      // read when Tomcat's authenticator first logs the service in, after krb5gss is installed
      System.setProperty("java.security.auth.login.config",
          jaasConfig(kdc.workDir().resolve("jaas.conf"), keytab, http).toString());
      Tomcat tomcat = startTomcat(kdc.workDir().resolve("tomcat"));
      return new StockContainerRun.Container() {
        @Override
        public int port() {
          return tomcat.getConnector().getLocalPort();
        }

        @Override
        public void stop() throws Exception {
          tomcat.stop();
          tomcat.destroy();
        }
      };
    });
  }

  private static Path jaasConfig(Path file, Path keytab, String principal) throws IOException {
    return Files.writeString(file, String.join("\n",
        "com.sun.security.jgss.krb5.accept {",
        "  com.sun.security.auth.module.Krb5LoginModule required",
        "    useKeyTab=true keyTab=\"" + keytab + "\" principal=\"" + principal + "\"",
        "    storeKey=true isInitiator=false doNotPrompt=true;",
        "};", ""));
  }

  private static Tomcat startTomcat(Path base) throws Exception {
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(base.toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    Context ctx = tomcat.addContext("", null);
    Tomcat.addServlet(ctx, "hello", new HttpServlet() {
      private static final long serialVersionUID = 1L;

      @Override
      protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        resp.getWriter().print("Hello, " + req.getRemoteUser());
      }
    });
    ctx.addServletMappingDecoded("/*", "hello");
    LoginConfig login = new LoginConfig();
    login.setAuthMethod("SPNEGO");
    ctx.setLoginConfig(login);
    ctx.addSecurityRole("user");
    SecurityConstraint constraint = new SecurityConstraint();
    constraint.addAuthRole("user");
    SecurityCollection all = new SecurityCollection();
    all.addPattern("/*");
    constraint.addCollection(all);
    ctx.addConstraint(constraint);
    ctx.setRealm(new UsersRealm("user"));
    ctx.getPipeline().addValve(new SpnegoAuthenticator());
    tomcat.start();
    return tomcat;
  }
}
