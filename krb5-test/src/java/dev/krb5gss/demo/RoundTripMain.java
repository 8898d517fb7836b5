package dev.krb5gss.demo;

import dev.krb5gss.Krb5GssProvider;
import dev.krb5gss.testkit.TestKdc;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Security;
import java.util.Arrays;
import java.util.List;
import javax.security.auth.Subject;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.Oid;

/**
 * One Negotiate round trip in a fresh JVM, for the forked-JVM tests: a KDC, {@code HTTP/localhost}
 * served through {@code GSSManager.getInstance()}, the JDK's SPNEGO initiator. Prints one line
 * {@code RESULT ok=.. first=.. krb5gssMechs=.. server=..} and exits 0 when the round trip
 * succeeded. Arguments: {@code install} (call {@link Krb5GssProvider#install()}), or
 * {@code static} (registered by -Djava.security.properties); {@code --default-keytab} serves
 * without a JAAS login (useSubjectCredsOnly=false, KRB5_KTNAME); {@code --httpurlconnection}
 * authenticates with the JDK's HttpURLConnection instead of the JDK's GSS initiator directly.
 */
public final class RoundTripMain {
  private RoundTripMain() {}

  /**
   * The JDK's own HTTP client with its built-in Negotiate support (an {@code HttpCaller} asking
   * {@code GSSManager} for a SPNEGO initiator), run as {@code client}.
   */
  private static boolean viaHttpUrlConnection(URI url, Subject client) throws Exception {
    return dev.krb5gss.testkit.Subjects.callAs(client, () -> {
      HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
      try (InputStream in = c.getInputStream()) {
        String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return c.getResponseCode() == 200 && body.startsWith("Hello, alice@");
      } finally {
        c.disconnect();
      }
    });
  }

  public static void main(String[] args) throws Exception {
    List<String> opts = List.of(args);
    java.util.concurrent.atomic.AtomicInteger established = OurContexts.countEstablished();
    boolean ok = false;
    try (TestKdc kdc = TestKdc.start("KRB5GSS.FORK").useAsJvmKrb5Config()) {
      String alice = kdc.addUser("alice", "pw-alice");
      String http = kdc.addService("HTTP/localhost");
      Path keytab = kdc.exportKeytab(Path.of(System.getProperty("krb5gss.keytab",
          kdc.workDir().resolve("http.keytab").toString())), http);
      if (opts.contains("install")) {
        Krb5GssProvider.install();
      }
      boolean ours = Arrays.asList(GSSManager.getInstance().getMechs())
          .contains(new Oid(Krb5GssProvider.MS_KRB5_OID));
      try (NegotiateServer server =
          NegotiateServer.start(keytab, http, !opts.contains("--default-keytab"))) {
        URI url = URI.create("http://localhost:" + server.port() + "/");
        Subject client = kdc.login(alice, "pw-alice");
        if (opts.contains("--httpurlconnection")) {
          ok = viaHttpUrlConnection(url, client);
        } else {
          ok = NegotiateClient.authenticate(url, "HTTP@localhost", client).authenticated();
        }
        System.out.println("RESULT ok=" + ok + " first=" + Security.getProviders()[0].getName()
            + " krb5gssMechs=" + ours + " krb5gssEstablished=" + established.get()
            + " java=" + Runtime.version().feature()
            + " server=" + server.log());
      }
    }
    System.exit(ok ? 0 : 1);
  }
}
