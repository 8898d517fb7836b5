package dev.krb5gss.replay.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} (Debian's) for one test class: a temp dir, a free loopback port, no
 * persistence, run in the foreground as a child process so it can be stopped, paused
 * (SIGSTOP: a server that accepts connections but never answers) and restarted on the same port.
 */
public final class RedisServer implements AutoCloseable {
  static final String BINARY = "redis-server";

  private final Path dir;
  private final int port;
  private final List<String> extraArgs;
  private final boolean tls;
  private Process process;

  private RedisServer(Path dir, int port, List<String> extraArgs, boolean tls) {
    this.dir = dir;
    this.port = port;
    this.extraArgs = extraArgs;
    this.tls = tls;
  }

  /** Starts a server; {@code extraArgs} such as {@code --requirepass secret}. */
  public static RedisServer start(String... extraArgs) throws IOException, InterruptedException {
    RedisServer server = new RedisServer(Files.createTempDirectory("krb5gss-redis"), freePort(),
        List.of(extraArgs), false);
    server.startProcess();
    return server;
  }

  /**
   * A server speaking only TLS on its port, with a fresh self-signed certificate for
   * {@code localhost} and 127.0.0.1 (made by {@code openssl}); {@link #certificatePem()} is it.
   */
  public static RedisServer startTls() throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("krb5gss-redis");
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048",
        "-nodes", "-keyout", dir.resolve("key.pem").toString(), "-out",
        dir.resolve("cert.pem").toString(), "-days", "2", "-subj", "/CN=localhost",
        "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1").redirectErrorStream(true).start();
    String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (openssl.waitFor() != 0) {
      throw new IOException("openssl req failed: " + output);
    }
    int port = freePort();
    RedisServer server = new RedisServer(dir, port, List.of("--tls-port", String.valueOf(port),
        "--tls-cert-file", dir.resolve("cert.pem").toString(), "--tls-key-file",
        dir.resolve("key.pem").toString(), "--tls-ca-cert-file", dir.resolve("cert.pem").toString(),
        "--tls-auth-clients", "no"), true);
    server.startProcess();
    return server;
  }

  /** The self-signed certificate of a {@link #startTls()} server (PEM). */
  Path certificatePem() {
    return dir.resolve("cert.pem");
  }

  int port() {
    return port;
  }

  /** {@code redis://127.0.0.1:PORT/0} plus {@code query} (e.g. {@code ?timeout=50}). */
  public String uri(String query) {
    return "redis://127.0.0.1:" + port + "/0" + query;
  }

  synchronized void startProcess() throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(BINARY, "--port", tls ? "0" : String.valueOf(port), "--bind",
        "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
        "--daemonize", "no", "--loglevel", "warning"));
    cmd.addAll(extraArgs);
    process = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve("redis.log").toFile()).start();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!answersPing()) {
      if (!process.isAlive()) {
        throw new IOException("redis-server exited: " + Files.readString(dir.resolve("redis.log")));
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("redis-server on port " + port + " did not answer PING in 10 s");
      }
      Thread.sleep(20);
    }
  }

  /** Stops the server (SIGTERM, then waits). */
  synchronized void stop() throws InterruptedException {
    if (process != null) {
      process.destroy();
      process.waitFor();
      process = null;
    }
  }

  /** SIGSTOP: connections stay open, nothing is answered. */
  void pause() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** SIGCONT after {@link #pause()}. */
  void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String sig) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + sig, String.valueOf(process.pid())).start();
    if (kill.waitFor() != 0) {
      throw new IOException("kill -" + sig + " failed");
    }
  }

  /** Sends one command (for checks from the test, no credentials); returns the reply line. */
  String command(String... words) throws IOException {
    return pipeline(List.of(words));
  }

  /** AUTH {@code password}, SELECT {@code db}, then one command; the last reply line. */
  String commandAuthed(String password, int db, String... words) throws IOException {
    return pipeline(List.of("AUTH", password), List.of("SELECT", String.valueOf(db)), List.of(words));
  }

  /** SELECT {@code db}, then one command (no AUTH); the last reply line. */
  String commandIn(int db, String... words) throws IOException {
    return pipeline(List.of("SELECT", String.valueOf(db)), List.of(words));
  }

  @SafeVarargs
  private String pipeline(List<String>... commands) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      s.setSoTimeout(2000);
      StringBuilder resp = new StringBuilder();
      for (List<String> words : commands) {
        resp.append('*').append(words.size()).append("\r\n");
        for (String w : words) {
          resp.append('$').append(w.getBytes(StandardCharsets.UTF_8).length).append("\r\n")
              .append(w).append("\r\n");
        }
      }
      OutputStream out = s.getOutputStream();
      out.write(resp.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = s.getInputStream();
      String line = "";
      for (int i = 0; i < commands.length; i++) {
        line = readLine(in);
      }
      return line;
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  /** The number of keys of database 0 ({@code DBSIZE}). */
  long dbSize() throws IOException {
    String reply = command("DBSIZE");
    if (!reply.startsWith(":")) {
      throw new IOException("expected an integer reply to DBSIZE, got " + reply);
    }
    return Long.parseLong(reply.substring(1));
  }

  private boolean answersPing() {
    if (tls) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        return true;
      } catch (IOException e) {
        return false;
      }
    }
    try {
      String r = command("PING");
      return r.equals("+PONG") || r.startsWith("-NOAUTH");
    } catch (IOException e) {
      return false;
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      if (process != null) {
        process.destroy();
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Override
  public String toString() {
    return "redis-server on 127.0.0.1:" + port;
  }
}
