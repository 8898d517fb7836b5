package dev.krb5gss.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.error.Reason;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcPrincipals;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.security.auth.Subject;

/**
 * What the drop-in tests of the stock container authenticators (Tomcat's SpnegoAuthenticator,
 * Jetty's SPNEGOAuthenticator) share: the realm (an HTTP service with its keytab, alice logged in
 * with her password), the log capture that shows our mechanism did the work, and the two checks
 * both containers must pass alike: a request without credentials is challenged (RFC 4559 §4.1),
 * and one SPNEGO leg from the JDK's initiator gets 200 and the mutual-authentication token back
 * (RFC 4559 §5, RFC 4178 §4.2.2). Components: the KDC's principals, the HTTP service principal,
 * its keytab, alice's principal name and her Subject.
 */
public record StockSpnego(KdcPrincipals names, String service, Path keytab, String aliceName,
    Subject alice) {
  /** The line our server context logs when our mechanism establishes it. */
  public static final String ESTABLISHED = "server context NEW -> ESTABLISHED";

  /** Adds the HTTP service and alice to the class's KDC and logs alice in. */
  public static StockSpnego realm(KdcPrincipals names) throws Exception {
    String service = names.addService("HTTP");
    Path keytab = names.keytab(service);
    String aliceName = names.addUser("alice", "pw");
    return new StockSpnego(names, service, keytab, aliceName, names.kdc().login(aliceName, "pw"));
  }

  /** Alice's initiator to the HTTP service. */
  public JdkInitiator.Options toHttp() {
    return JdkInitiator.to(names.hostbased("HTTP"));
  }

  /** A started SPNEGO initiator as alice. */
  public JdkInitiator spnego() throws Exception {
    return toHttp().spnego().start(alice);
  }

  /** Captures our server contexts' transitions (close it after the test). */
  public static LogCapture captureOurContexts() {
    return LogCapture.of("dev.krb5gss.context.ServerContext", Level.FINE);
  }

  /** No Authorization header: 401 with a Negotiate challenge. */
  public static void assertChallenged(int port) throws Exception {
    RawHttp.Response r = RawHttp.once(port, "/who", null);

    assertThat(r.status).isEqualTo(401);
    assertThat(r.header("WWW-Authenticate")).contains("Negotiate");
  }

  /**
   * One SPNEGO leg from the JDK's initiator: 200 with alice's short name, a reply token that
   * completes the initiator with mutual authentication, and our mechanism's log line in
   * {@code ours}.
   */
  public void assertOurMechanismAccepts(int port, LogCapture ours) throws Exception {
    try (JdkInitiator init = spnego()) {
      RawHttp.Response r = RawHttp.once(port, "/who",
          NegotiateAdapterContractAccess.negotiate(init.firstToken()));

      assertThat(r.status).isEqualTo(200);
      assertThat(r.body).isEqualTo("user=" + aliceName.substring(0, aliceName.indexOf('@')));
      assertThat(init.complete(r.negotiateToken().orElseThrow())).isNull();
      assertThat(init.getMutualAuthState()).isTrue();
      assertThat(ours.messages()).contains(ESTABLISHED);
    }
  }

  /**
   * A replayed first token (RFC 4120 §3.2.3): the first request gets 200, the same header again
   * gets {@code status} and {@code reasons} then hold exactly REPLAY.
   */
  public void assertReplayRefused(int port, int status, Supplier<List<Reason>> reasons)
      throws Exception {
    try (JdkInitiator init = spnego()) {
      String header = NegotiateAdapterContractAccess.negotiate(init.firstToken());
      assertThat(RawHttp.once(port, "/who", header).status).isEqualTo(200);

      RawHttp.Response again = RawHttp.once(port, "/who", header);

      assertThat(again.status).isEqualTo(status);
      assertThat(reasons.get()).containsExactly(Reason.REPLAY);
    }
  }

  /** A first token that fails: {@code status}, and {@code reasons} hold exactly {@code why}. */
  public static void assertRefused(int port, byte[] token, int status,
      Supplier<List<Reason>> reasons, Reason why) throws Exception {
    RawHttp.Response r =
        RawHttp.once(port, "/who", NegotiateAdapterContractAccess.negotiate(token));

    assertThat(r.status).isEqualTo(status);
    assertThat(reasons.get()).containsExactly(why);
  }

  /** Our reasons in {@code failures} (each found anywhere in a cause chain), in order. */
  public static List<Reason> ourReasons(Stream<Throwable> failures) {
    return failures.filter(Objects::nonNull).map(t -> DropIn.ourReason(t).orElse(null))
        .filter(Objects::nonNull).collect(Collectors.toList());
  }
}
