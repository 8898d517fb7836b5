package dev.krb5gss.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.krb5gss.testkit.JaasLogins;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import javax.security.auth.Subject;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.Oid;

/**
 * An HTTP server protected by Negotiate (RFC 4559 §4) written the way an unmodified Java server
 * is (Tomcat's SpnegoAuthenticator): per request it logs the service in through JAAS
 * (Krb5LoginModule, keytab, storeKey), calls {@code GSSManager.getInstance()}, acquires ACCEPT
 * credentials for SPNEGO and Kerberos, and accepts one token. It knows nothing of krb5gss: whichever
 * provider is first serves it. One leg per request (the JDK initiator sends an optimistic token).
 */
public final class NegotiateServer implements AutoCloseable {
  private static final Oid[] MECHS = {oid("1.3.6.1.5.5.2"), oid("1.2.840.113554.1.2.2")};

  private final HttpServer http;
  private final Path keytab;
  private final String principal;
  private final boolean jaasLogin;
  private final List<String> log = new CopyOnWriteArrayList<>();

  private NegotiateServer(HttpServer http, Path keytab, String principal, boolean jaasLogin) {
    this.http = http;
    this.keytab = keytab;
    this.principal = principal;
    this.jaasLogin = jaasLogin;
  }

  /** Starts on 127.0.0.1 on a free port, serving as {@code principal} from {@code keytab}. */
  public static NegotiateServer start(Path keytab, String principal) throws IOException {
    return start(keytab, principal, true);
  }

  /**
   * As {@link #start(Path, String)}; without {@code jaasLogin} no Subject is set and the
   * mechanism must find its keys itself (javax.security.auth.useSubjectCredsOnly=false and the
   * default keytab, e.g. KRB5_KTNAME).
   */
  public static NegotiateServer start(Path keytab, String principal, boolean jaasLogin)
      throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    NegotiateServer server = new NegotiateServer(http, keytab, principal, jaasLogin);
    http.createContext("/", server::handle);
    http.start();
    return server;
  }

  public int port() {
    return http.getAddress().getPort();
  }

  /** What the server did, one line per request. */
  public List<String> log() {
    return List.copyOf(log);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      if (auth == null || !auth.regionMatches(true, 0, "Negotiate ", 0, 10)) {
        ex.getResponseHeaders().add("WWW-Authenticate", "Negotiate");
        log.add("401 challenge (no Authorization header)");
        respond(ex, 401, "Negotiate authentication required\n");
        return;
      }
      byte[] token = Base64.getDecoder().decode(auth.substring(10).trim());
      try {
        Accepted a = jaasLogin
            ? callAs(JaasLogins.acceptor(keytab, principal), () -> accept(token))
            : accept(token);
        if (a.reply != null) {
          ex.getResponseHeaders().add("WWW-Authenticate",
              "Negotiate " + Base64.getEncoder().encodeToString(a.reply));
        }
        if (a.client == null) {
          log.add("401 continue (" + token.length + "-byte token in)");
          respond(ex, 401, "continue\n");
          return;
        }
        log.add("200 authenticated " + a.client + " via " + a.mech + " (" + token.length
            + " bytes in, " + (a.reply == null ? 0 : a.reply.length) + " bytes out)");
        respond(ex, 200, "Hello, " + a.client + "\n");
      } catch (GSSException e) {
        log.add("403 rejected: " + e.getMessage());
        respond(ex, 403, "Rejected: " + e.getMessage() + "\n");
      } catch (Exception e) {
        log.add("500 " + e);
        respond(ex, 500, "Server error: " + e + "\n");
      }
    }
  }

  private static Accepted accept(byte[] token) throws GSSException {
    GSSManager manager = GSSManager.getInstance();
    GSSCredential cred = manager.createCredential(null, GSSCredential.INDEFINITE_LIFETIME, MECHS,
        GSSCredential.ACCEPT_ONLY);
    GSSContext context = manager.createContext(cred);
    try {
      byte[] reply = context.acceptSecContext(token, 0, token.length);
      if (!context.isEstablished()) {
        return new Accepted(null, null, reply);
      }
      return new Accepted(context.getSrcName().toString(), context.getMech().toString(), reply);
    } finally {
      context.dispose();
    }
  }

  private static void respond(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(b);
    }
  }

  private static <T> T callAs(Subject s, Callable<T> action) throws Exception {
    return dev.krb5gss.testkit.Subjects.callAs(s, action);
  }

  @Override
  public void close() {
    http.stop(0);
  }

  private static Oid oid(String s) {
    try {
      return new Oid(s);
    } catch (GSSException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static final class Accepted {
    final String client;
    final String mech;
    final byte[] reply;

    Accepted(String client, String mech, byte[] reply) {
      this.client = client;
      this.mech = mech;
      this.reply = reply;
    }
  }
}
