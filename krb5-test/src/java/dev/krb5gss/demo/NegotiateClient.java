package dev.krb5gss.demo;

import dev.krb5gss.testkit.JdkInitiator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.security.auth.Subject;

/**
 * The client side of the demo: the JDK's own GSS initiator (SPNEGO, mutual authentication, as
 * {@code client}) speaking Negotiate (RFC 4559 §4) over {@link HttpClient}, which has no
 * built-in Negotiate support to interfere. Records each leg.
 */
public final class NegotiateClient {
  private NegotiateClient() {}

  /** One HTTP leg: status, token sizes and the response body. */
  public static final class Leg {
    public final int status;
    public final int tokenOut;
    public final int tokenIn;
    public final String body;

    Leg(int status, int tokenOut, int tokenIn, String body) {
      this.status = status;
      this.tokenOut = tokenOut;
      this.tokenIn = tokenIn;
      this.body = body;
    }

    @Override
    public String toString() {
      return "HTTP " + status + ", token out " + tokenOut + " bytes, token in " + tokenIn
          + " bytes";
    }
  }

  /** The legs of one authentication; {@code mutual} is true once the server's token verified. */
  public static final class Result {
    public final List<Leg> legs = new ArrayList<>();
    public boolean mutual;

    public boolean authenticated() {
      return mutual && !legs.isEmpty() && legs.get(legs.size() - 1).status == 200;
    }
  }

  /** Authenticates to {@code url} as {@code client}, whose Subject holds a TGT. */
  public static Result authenticate(URI url, String hostbasedService, Subject client)
      throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Result result = new Result();
    HttpResponse<String> first = get(http, url, null);
    result.legs.add(new Leg(first.statusCode(), 0, incoming(first).length, first.body()));
    try (JdkInitiator init = JdkInitiator.to(hostbasedService).spnego().mutual(true)
        .start(client)) {
      byte[] token = init.firstToken();
      HttpResponse<String> second = get(http, url, token);
      byte[] reply = incoming(second);
      result.legs.add(new Leg(second.statusCode(), token.length, reply.length, second.body()));
      if (second.statusCode() == 200 && reply.length > 0) {
        byte[] more = init.complete(reply);
        result.mutual = init.isEstablished() && init.getMutualAuthState() && more == null;
      }
    }
    return result;
  }

  private static HttpResponse<String> get(HttpClient http, URI url, byte[] token)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(url).GET();
    if (token != null) {
      b.header("Authorization", "Negotiate " + Base64.getEncoder().encodeToString(token));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] incoming(HttpResponse<?> response) {
    return response.headers().firstValue("WWW-Authenticate")
        .filter(v -> v.regionMatches(true, 0, "Negotiate ", 0, 10))
        .map(v -> Base64.getDecoder().decode(v.substring(10).trim()))
        .orElse(new byte[0]);
  }
}
