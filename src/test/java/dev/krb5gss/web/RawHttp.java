package dev.krb5gss.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A minimal HTTP/1.1 client over one keep-alive socket, so a test controls which requests share
 * a TCP connection (RFC 4559 §6: the legs of one negotiation travel on one connection).
 */
public final class RawHttp implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RawHttp(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(20_000);
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  public static RawHttp connect(int port) throws IOException {
    return new RawHttp(new Socket(InetAddress.getLoopbackAddress(), port));
  }

  /**
   * A connection from the local address {@code from}: on Linux any 127.x.y.z can be bound, so a
   * test can play many clients on loopback.
   */
  public static RawHttp connectFrom(InetAddress from, int port) throws IOException {
    Socket s = new Socket();
    try {
      s.bind(new java.net.InetSocketAddress(from, 0));
      s.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
      return new RawHttp(s);
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  /** A TLS connection with {@code tls}'s trust (handshake done before returning). */
  public static RawHttp connectTls(javax.net.ssl.SSLContext tls, int port) throws IOException {
    javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) tls.getSocketFactory()
        .createSocket(InetAddress.getLoopbackAddress(), port);
    s.startHandshake();
    return new RawHttp(s);
  }

  /** Opens a connection, sends one GET and closes it. */
  public static Response once(int port, String path, String authorization) throws IOException {
    try (RawHttp http = connect(port)) {
      return http.get(path, authorization);
    }
  }

  /** GET {@code path} with an optional Authorization value; reads the whole response. */
  public Response get(String path, String authorization) throws IOException {
    return get(path, authorization, Map.of());
  }

  /** GET with extra request headers (e.g. User-Agent). */
  public Response get(String path, String authorization, Map<String, String> extra)
      throws IOException {
    StringBuilder req = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n")
        .append("Host: 127.0.0.1\r\n");
    if (authorization != null) {
      req.append("Authorization: ").append(authorization).append("\r\n");
    }
    extra.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
    req.append("\r\n");
    out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    return read();
  }

  private Response read() throws IOException {
    String status = line();
    int code = Integer.parseInt(status.split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String h = line(); !h.isEmpty(); h = line()) {
      int colon = h.indexOf(':');
      headers.merge(h.substring(0, colon).strip().toLowerCase(Locale.ROOT),
          h.substring(colon + 1).strip(), (a, b) -> a + ", " + b);
    }
    byte[] body = body(headers);
    return new Response(code, headers, new String(body, StandardCharsets.UTF_8));
  }

  private byte[] body(Map<String, String> headers) throws IOException {
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (int size = Integer.parseInt(line().split(";")[0].strip(), 16); size > 0;
          size = Integer.parseInt(line().split(";")[0].strip(), 16)) {
        all.write(in.readNBytes(size));
        line();
      }
      for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
        // trailers are ignored
      }
      return all.toByteArray();
    }
    String length = headers.get("content-length");
    return length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
  }

  private String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed mid-response");
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** Status, headers (lower-case names) and body. */
  public static final class Response {
    public final int status;
    public final Map<String, String> headers;
    public final String body;

    Response(int status, Map<String, String> headers, String body) {
      this.status = status;
      this.headers = headers;
      this.body = body;
    }

    public Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The token of {@code WWW-Authenticate: Negotiate <token>}, if one was sent. */
    public Optional<byte[]> negotiateToken() {
      return header("WWW-Authenticate").filter(v -> v.startsWith("Negotiate "))
          .map(v -> java.util.Base64.getDecoder().decode(v.substring(10).strip()));
    }

    @Override
    public String toString() {
      return status + " " + headers;
    }
  }
}
