package dev.krb5gss.interop;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;

/**
 * A minimal HTTP server doing SPNEGO-based Negotiate authentication (RFC 4559 §4) with a
 * {@link GssAcceptor}: 401 with {@code WWW-Authenticate: Negotiate} until a token arrives, then
 * 200 with the client principal on the first line (and what {@link DelegatedUse} reported on the
 * second), or 401 without a challenge when the token is refused.
 */
public final class NegotiateHttpServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(NegotiateHttpServer.class.getName());
  private static final String NEGOTIATE = "Negotiate";

  private final GssAcceptor acceptor;
  private final DelegatedUse delegatedUse;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "negotiate-http");
    thread.setDaemon(true);
    return thread;
  });
  private final BlockingQueue<NegotiateExchange> exchanges = new LinkedBlockingQueue<>();

  private NegotiateHttpServer(GssAcceptor acceptor, DelegatedUse delegatedUse) throws IOException {
    this.acceptor = acceptor;
    this.delegatedUse = delegatedUse;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** Starts on a free loopback port; {@code delegatedUse} runs when a credential is delegated. */
  public static NegotiateHttpServer start(GssAcceptor acceptor, DelegatedUse delegatedUse)
      throws IOException {
    return new NegotiateHttpServer(acceptor, delegatedUse);
  }

  /** The URL curl must use: {@code localhost}, so curl asks for {@code HTTP/localhost}. */
  public String url() {
    return "http://localhost:" + server.getAddress().getPort() + "/";
  }

  /** The next request that carried a Negotiate token, waiting up to {@code timeout}. */
  public NegotiateExchange nextExchange(Duration timeout) throws InterruptedException {
    NegotiateExchange exchange = exchanges.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (exchange == null) {
      throw new AssertionError("no Negotiate request finished within " + timeout);
    }
    return exchange;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange http) throws IOException {
    try (http) {
      String authorization = http.getRequestHeaders().getFirst("Authorization");
      if (authorization == null || !authorization.startsWith(NEGOTIATE + " ")) {
        http.getResponseHeaders().add("WWW-Authenticate", NEGOTIATE);
        respond(http, 401, "Negotiate required\n");
        return;
      }
      byte[] token = Base64.getDecoder().decode(authorization.substring(NEGOTIATE.length() + 1));
      authenticate(http, token);
    }
  }

  private void authenticate(HttpExchange http, byte[] token) throws IOException {
    GSSContext context = null;
    try {
      context = acceptor.newContext();
      byte[] reply = acceptor.accept(context, token);
      if (reply != null && reply.length > 0) {
        http.getResponseHeaders().add("WWW-Authenticate",
            NEGOTIATE + " " + Base64.getEncoder().encodeToString(reply));
      }
      if (!context.isEstablished()) {
        reject(http, new GSSException(GSSException.FAILURE, 0, "Negotiate needs another leg"));
        return;
      }
      succeed(http, context);
    } catch (GSSException e) {
      reject(http, e);
    } finally {
      dispose(context);
    }
  }

  private void succeed(HttpExchange http, GSSContext context) throws IOException, GSSException {
    String client = context.getSrcName().toString();
    boolean delegated = context.getCredDelegState();
    Optional<String> used = Optional.empty();
    if (delegated) {
      used = Optional.of(useDelegation(context));
    }
    exchanges.add(new NegotiateExchange(true, Optional.of(client), delegated, used,
        Optional.empty()));
    respond(http, 200, client + "\n" + used.orElse("no delegated credential") + "\n");
  }

  private String useDelegation(GSSContext context) {
    try {
      return delegatedUse.apply(context);
    } catch (GSSException | RuntimeException e) {
      return "delegated credential unusable: " + AcceptFailure.of("delegation", e).logLine();
    }
  }

  private void reject(HttpExchange http, Exception e) throws IOException {
    AcceptFailure failure = AcceptFailure.of("accept", e);
    LOG.log(System.Logger.Level.INFO, "Negotiate rejected by {0} acceptor: {1}",
        acceptor.kind(), failure.logLine());
    exchanges.add(new NegotiateExchange(false, Optional.empty(), false, Optional.empty(),
        Optional.of(failure)));
    respond(http, 401, "rejected\n");
  }

  private static void respond(HttpExchange http, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    http.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
    http.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = http.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void dispose(GSSContext context) {
    if (context == null) {
      return;
    }
    try {
      context.dispose();
    } catch (GSSException e) {
      LOG.log(System.Logger.Level.DEBUG, "disposing a Negotiate context", e);
    }
  }
}
