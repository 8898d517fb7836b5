package dev.krb5gss.demo;

import dev.krb5gss.Krb5GssProvider;
import dev.krb5gss.testkit.TestKdc;
import java.net.URI;
import java.nio.file.Path;
import java.security.Security;
import java.util.Arrays;
import java.util.List;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.Oid;

/**
 * One Negotiate round trip in a fresh JVM, for the forked-JVM tests: a KDC, {@code HTTP/localhost}
 * served through {@code GSSManager.getInstance()}, the JDK's SPNEGO initiator. Prints one line
 * {@code RESULT ok=.. first=.. krb5gssMechs=.. server=..} and exits 0 when the round trip
 * succeeded. Arguments: {@code install} (call {@link Krb5GssProvider#install()}), or
 * {@code static} (registered by -Djava.security.properties); {@code --default-keytab} serves
 * without a JAAS login (useSubjectCredsOnly=false, KRB5_KTNAME).
 */
public final class RoundTripMain {
  private RoundTripMain() {}

  public static void main(String[] args) throws Exception {
    List<String> opts = List.of(args);
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
        NegotiateClient.Result r = NegotiateClient.authenticate(
            URI.create("http://localhost:" + server.port() + "/"), "HTTP@localhost",
            kdc.login(alice, "pw-alice"));
        ok = r.authenticated();
        System.out.println("RESULT ok=" + ok + " first=" + Security.getProviders()[0].getName()
            + " krb5gssMechs=" + ours + " java=" + Runtime.version().feature()
            + " server=" + server.log());
      }
    }
    System.exit(ok ? 0 : 1);
  }
}
