package dev.krb5gss.web;

import dev.krb5gss.ap.ChannelBindings;
import java.util.Objects;
import java.util.Optional;

/**
 * What a container adapter knows about one HTTP request for a Negotiate exchange (RFC 4559 §4):
 * the {@code Authorization} value, a key identifying the TCP connection (the SPNEGO legs of one
 * negotiation travel on one connection, RFC 4559 §6), the client's host (the per-client cap on
 * pending negotiations counts by host) and port (for the failure log), and, on TLS, the channel
 * bindings of the server's certificate (RFC 5929 §4).
 */
public final class NegotiateRequest {
  private final String authorization;
  private final Object connectionKey;
  private final String clientHost;
  private final int clientPort;
  private final ChannelBindings bindings;

  private NegotiateRequest(String authorization, Object connectionKey, String clientHost,
      int clientPort, ChannelBindings bindings) {
    this.authorization = authorization;
    this.connectionKey = Objects.requireNonNull(connectionKey, "connectionKey");
    this.clientHost = Objects.requireNonNull(clientHost, "clientHost");
    this.clientPort = clientPort;
    this.bindings = bindings;
  }

  /** A request; {@code authorization} may be null (no header). */
  public static NegotiateRequest of(String authorization, Object connectionKey,
      String clientHost, int clientPort) {
    return new NegotiateRequest(authorization, connectionKey, clientHost, clientPort, null);
  }

  /** The same request on a TLS connection whose channel bindings are {@code tls}. */
  public NegotiateRequest withBindings(ChannelBindings tls) {
    return new NegotiateRequest(authorization, connectionKey, clientHost, clientPort, tls);
  }

  public Optional<String> authorization() {
    return Optional.ofNullable(authorization);
  }

  public Object connectionKey() {
    return connectionKey;
  }

  /** The client's IP address (or host name): the key of the per-client cap. */
  public String clientHost() {
    return clientHost;
  }

  /** {@code host:port} ({@code [v6]:port}) for the failure log. */
  public String clientAddress() {
    return (clientHost.indexOf(':') >= 0 ? "[" + clientHost + "]" : clientHost) + ":" + clientPort;
  }

  public Optional<ChannelBindings> bindings() {
    return Optional.ofNullable(bindings);
  }

  @Override
  public String toString() {
    return "NegotiateRequest[from " + clientAddress() + ", connection " + connectionKey
        + (authorization == null ? ", no Authorization" : "")
        + (bindings == null ? "" : ", TLS bindings") + "]";
  }
}
