package dev.krb5gss.demo;

import dev.krb5gss.Krb5GssProvider;
import dev.krb5gss.testkit.TestKdc;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The run both stock-container demos ({@link JettySpnegoMain}, {@link TomcatSpnegoMain}) share:
 * a test-kit KDC used as the JVM's krb5.conf, alice and HTTP/localhost with its keytab, krb5gss
 * installed, the container started on 127.0.0.1, and three JDK SPNEGO clients (RFC 4559) in turn.
 * Prints {@code RESULT ok=.. bodies=.. krb5gssEstablished=..} and exits 0 on success.
 */
final class StockContainerRun {
  private StockContainerRun() {}

  /** A running container. */
  interface Container {
    /** Its local port. */
    int port();

    /** Stops it. */
    void stop() throws Exception;
  }

  /** Starts a container with the stock SPNEGO authenticator for {@code http}'s keytab. */
  @FunctionalInterface
  interface Starter {
    Container start(TestKdc kdc, String http, Path keytab) throws Exception;
  }

  /** Runs the three clients against the container {@code starter} starts, then exits. */
  static void run(String realm, Starter starter) throws Exception {
    AtomicInteger established = OurContexts.countEstablished();
    boolean ok = true;
    StringBuilder bodies = new StringBuilder();
    try (TestKdc kdc = TestKdc.start(realm).useAsJvmKrb5Config()) {
      String alice = kdc.addUser("alice", "pw-alice");
      String http = kdc.addService("HTTP/localhost");
      Path keytab = kdc.exportKeytab(kdc.workDir().resolve("http.keytab"), http);
      Krb5GssProvider.install();

      Container container = starter.start(kdc, http, keytab);
      try {
        URI url = URI.create("http://localhost:" + container.port() + "/hello");
        for (int i = 0; i < 3; i++) {
          NegotiateClient.Result r = NegotiateClient.authenticate(url, "HTTP@localhost",
              kdc.login(alice, "pw-alice"));
          ok &= r.authenticated();
          bodies.append(r.legs.get(r.legs.size() - 1).body.trim()).append(';');
        }
      } finally {
        container.stop();
      }
    }
    System.out.println("RESULT ok=" + ok + " bodies=" + bodies + " krb5gssEstablished="
        + established.get());
    System.exit(ok ? 0 : 1);
  }
}
