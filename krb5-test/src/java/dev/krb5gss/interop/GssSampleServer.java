package dev.krb5gss.interop;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Java twin of MIT's {@code gss-server} ({@code src/appl/gss-sample/gss-server.c}) on a free
 * loopback port: per connection it expects a NOOP (with CONTEXT_NEXT, a context follows), runs
 * the RFC 2743 §2.2.2 accept loop sending every output token back, then for each message unwraps
 * it if WRAPPED (RFC 2743 §2.3.4) and returns a MIC of it if SEND_MIC (§2.3.1) or a NOOP, until
 * the client's closing NOOP. Every connection ends as an {@link AcceptorSession}.
 */
public final class GssSampleServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(GssSampleServer.class.getName());
  private static final int READ_TIMEOUT_MILLIS = 10_000;

  private final GssAcceptor acceptor;
  private final ServerSocket listener;
  private final ExecutorService workers;
  private final BlockingQueue<AcceptorSession> sessions = new LinkedBlockingQueue<>();

  private GssSampleServer(GssAcceptor acceptor) throws IOException {
    this.acceptor = acceptor;
    this.listener = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
    this.workers = Executors.newCachedThreadPool(r -> {
      Thread thread = new Thread(r, "gss-sample-" + listener.getLocalPort());
      thread.setDaemon(true);
      return thread;
    });
    workers.execute(this::acceptLoop);
  }

  /** Starts serving with the given acceptor (which the server does not close). */
  public static GssSampleServer start(GssAcceptor acceptor) throws IOException {
    return new GssSampleServer(acceptor);
  }

  /** The TCP port on 127.0.0.1. */
  public int port() {
    return listener.getLocalPort();
  }

  /** The next finished connection, waiting for it up to {@code timeout}. */
  public AcceptorSession nextSession(Duration timeout) throws InterruptedException {
    AcceptorSession session = sessions.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (session == null) {
      throw new AssertionError("no gss-sample connection finished within " + timeout);
    }
    return session;
  }

  @Override
  public void close() throws IOException {
    listener.close();
    workers.shutdownNow();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket socket = listener.accept();
        workers.execute(() -> sessions.add(serve(socket)));
      } catch (SocketException closed) {
        return;
      } catch (IOException e) {
        LOG.log(System.Logger.Level.WARNING, "accept failed", e);
      }
    }
  }

  private AcceptorSession serve(Socket socket) {
    SessionRecorder session = new SessionRecorder(acceptor);
    try (socket) {
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
      DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
      session.run(in, out);
    } catch (IOException e) {
      session.fail("io", e);
    } finally {
      session.dispose();
    }
    AcceptorSession result = session.result();
    result.failure().ifPresent(f -> LOG.log(System.Logger.Level.INFO,
        "gss-sample connection rejected by {0} acceptor: {1}", acceptor.kind(), f.logLine()));
    return result;
  }
}
