package dev.krb5gss.demo;

import dev.krb5gss.Krb5GssProvider;
import dev.krb5gss.testkit.TestKdc;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javax.security.auth.Subject;

/**
 * The README's first command ({@code krb5-test/demo.sh}, or
 * {@code mvn -q -Pdemo test-compile exec:exec -Ddemo.args=--once}): starts an in-process KDC,
 * creates {@code alice} and {@code HTTP/localhost} with a keytab, serves
 * {@code http://localhost:PORT/} behind Negotiate through {@code GSSManager.getInstance()} with
 * krb5gss installed, and authenticates to it with the JDK's own SPNEGO initiator, printing each
 * leg. Then it keeps serving for {@code kinit} + {@code curl --negotiate} until Ctrl-C; with
 * {@code --once} it exits 0 after a successful round trip and 1 otherwise.
 */
public final class Demo {
  static final String REALM = "KRB5GSS.DEMO";
  static final String PASSWORD = "alice-demo-password";

  private Demo() {}

  public static void main(String[] args) throws Exception {
    boolean once = List.of(args).contains("--once");
    System.exit(run(once) ? 0 : 1);
  }

  static boolean run(boolean once) throws Exception {
    TestKdc kdc = TestKdc.start(REALM).useAsJvmKrb5Config();
    NegotiateServer server = null;
    boolean serving = false;
    try {
      String alice = kdc.addUser("alice", PASSWORD);
      String http = kdc.addService("HTTP/localhost");
      Path keytab = kdc.exportKeytab(kdc.workDir().resolve("http-localhost.keytab"), http);
      say("kdc", "realm " + REALM + " on " + TestKdc.HOST + ":" + kdc.port() + ", principals "
          + alice + " and " + http + ", keytab " + keytab);

      boolean installed = Krb5GssProvider.install();
      say("provider", Krb5GssProvider.NAME + (installed ? " installed" : " already") + " at"
          + " position 1; mechanisms offered: " + Krb5GssProvider.mechanismsAvailable());

      server = NegotiateServer.start(keytab, http);
      URI url = URI.create("http://localhost:" + server.port() + "/");
      say("server", url + " protected by Negotiate via GSSManager.getInstance()");

      Subject client = kdc.login(alice, PASSWORD);
      NegotiateClient.Result result =
          NegotiateClient.authenticate(url, "HTTP@localhost", client);
      for (int i = 0; i < result.legs.size(); i++) {
        say("client", "leg " + (i + 1) + ": " + result.legs.get(i));
      }
      server.log().forEach(line -> say("server", line));
      boolean ok = result.authenticated();
      String last = result.legs.get(result.legs.size() - 1).body.trim();
      say("client", ok ? "authenticated, mutual authentication verified; server says: " + last
          : "FAILED: " + last);
      if (once || !ok) {
        return ok;
      }
      printHowTo(kdc, url, alice);
      serving = true;
      NegotiateServer running = server;
      awaitCtrlC(() -> {
        running.close();
        kdc.close();
      });
      return true;
    } finally {
      if (!serving) {
        if (server != null) {
          server.close();
        }
        kdc.close();
      }
    }
  }

  private static void printHowTo(TestKdc kdc, URI url, String alice) {
    System.out.println();
    System.out.println("Serving until Ctrl-C. Try it by hand (MIT krb5 tools, curl with GSS-API):");
    System.out.println("  export KRB5_CONFIG=" + kdc.krb5Conf().toAbsolutePath());
    System.out.println("  export KRB5CCNAME=FILE:" + kdc.workDir().resolve("alice.ccache"));
    System.out.println("  echo " + PASSWORD + " | kinit " + alice);
    System.out.println("  curl --negotiate -u : " + url);
    System.out.println();
  }

  /** Blocks until the JVM is asked to stop (Ctrl-C); the hook stops the server and the KDC. */
  private static void awaitCtrlC(Runnable cleanup) throws InterruptedException {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("[demo] stopping");
      cleanup.run();
    }));
    new CountDownLatch(1).await();
  }

  private static void say(String who, String what) {
    System.out.println("[" + who + "] " + what);
  }
}
