package dev.krb5gss.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.gss.MechOids;
import dev.krb5gss.interop.MitEnctypes;
import dev.krb5gss.interop.MitKdc;
import dev.krb5gss.interop.RequiresMitKrb5;
import dev.krb5gss.spnego.NegTokenInit;
import dev.krb5gss.testkit.JaasLogins;
import dev.krb5gss.testkit.JdkInitiator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import javax.security.auth.Subject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The krb5gss command against an MIT KDC (in process, through picocli): {@code check} with the
 * client's MIT ticket cache for a good SPN, a stale keytab, an SPN missing from the keytab or
 * from the KDC, and an enctype missing from the keytab; {@code explain} of real SPNEGO tokens
 * from the JDK's initiator and of NTLM headers; {@code keytab} of MIT-written keytabs.
 */
@RequiresMitKrb5
class KrbCliMitTest {
  private static final String USER = "carol";
  private static final String PASSWORD = "carol-password";

  private static MitKdc kdc;
  private static Path ccache;
  private static Path keytab;

  @BeforeAll
  static void startKdc() throws Exception {
    kdc = MitKdc.start();
    kdc.configureThisJvm();
    kdc.addUser(USER, PASSWORD, MitEnctypes.AES_SHA1);
    keytab = kdc.file("services.keytab");
    kdc.addService("HTTP/localhost", MitEnctypes.AES_SHA1);
    kdc.keytabs().ktadd(keytab, MitEnctypes.AES_SHA1, "HTTP/localhost");
    kdc.addService("stale/localhost", MitEnctypes.AES_SHA1);
    kdc.keytabs().ktadd(keytab, MitEnctypes.AES_SHA1, "stale/localhost");
    kdc.rekey("stale/localhost", MitEnctypes.AES_SHA1);
    kdc.addService("enctype/localhost", MitEnctypes.AES_SHA1);
    kdc.keytabs().exportKeysExcept(keytab, "enctype/localhost", "aes256-cts-hmac-sha1-96");
    kdc.addService("missing/localhost", MitEnctypes.AES_SHA1);
    Files.setPosixFilePermissions(keytab, PosixFilePermissions.fromString("rw-------"));
    ccache = kdc.kinit(USER, PASSWORD);
  }

  @AfterAll
  static void stopKdc() throws Exception {
    if (kdc != null) {
      kdc.close();
    }
  }

  private static CliRun check(String service, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("check", "--keytab", keytab.toString(),
        "--spn", kdc.qualify(service), "--ccache", ccache.toString(),
        "--krb5-conf", kdc.krb5Conf().toString()));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void checkPassesForAGoodSpnAndNamesEnctypeAndKvno() throws Exception {
    CliRun run = check("HTTP/localhost");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains("ESTABLISHED client " + kdc.qualify(USER))
        .contains("aes256-cts-hmac-sha1-96 kvno " + kdc.currentKvno("HTTP/localhost"))
        .endsWith("OK\n");
  }

  @Test
  void checkReportsAStaleKeytab() throws Exception {
    CliRun run = check("stale/localhost");

    assertThat(run.exit()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).contains("ERROR KVNO_MISMATCH: the ticket for "
        + kdc.qualify("stale/localhost") + " has kvno " + kdc.currentKvno("stale/localhost"))
        .contains("the keytab is stale").endsWith("FAILED\n");
  }

  @Test
  void checkReportsAnSpnMissingFromTheKeytabAndFromTheKdc() {
    CliRun notInKeytab = check("missing/localhost");
    CliRun unknown = check("nowhere/localhost");

    assertThat(notInKeytab.exit()).as(notInKeytab.toString()).isEqualTo(1);
    assertThat(notInKeytab.out()).contains("ERROR SERVICE_NOT_IN_KEYTAB: the ticket is for "
        + kdc.qualify("missing/localhost"));
    assertThat(unknown.exit()).as(unknown.toString()).isEqualTo(1);
    assertThat(unknown.out()).contains("ERROR SPN_UNKNOWN_TO_KDC: the KDC has no principal "
        + kdc.qualify("nowhere/localhost"));
  }

  @Test
  void checkReportsAnEnctypeMissingFromTheKeytabAsJson() {
    CliRun run = check("enctype/localhost", "--json");

    assertThat(run.exit()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).startsWith("{\"command\":\"check\",\"ok\":false")
        .contains("\"reason\":\"ENCTYPE_NOT_IN_KEYTAB\"")
        .contains("\"ticketEnctype\":\"aes256-cts-hmac-sha1-96\"");
  }

  @Test
  void checkLogsInWithAPasswordFromStandardInput() throws Exception {
    java.io.InputStream stdin = System.in;
    try {
      System.setIn(new java.io.ByteArrayInputStream((PASSWORD + "\n").getBytes(
          java.nio.charset.StandardCharsets.UTF_8)));
      CliRun ok = CliRun.of("check", "--keytab", keytab.toString(), "--spn",
          kdc.qualify("HTTP/localhost"), "--user", kdc.qualify(USER), "--json");
      System.setIn(new java.io.ByteArrayInputStream("wrong\n".getBytes(
          java.nio.charset.StandardCharsets.UTF_8)));
      CliRun wrong = CliRun.of("check", "--keytab", keytab.toString(), "--spn",
          kdc.qualify("HTTP/localhost"), "--user", kdc.qualify(USER));

      assertThat(ok.exit()).as(ok.toString()).isZero();
      assertThat(ok.out()).contains("\"client\":\"" + kdc.qualify(USER) + "\"")
          .contains("\"result\":\"established\"");
      assertThat(wrong.exit()).as(wrong.toString()).isEqualTo(1);
      assertThat(wrong.out()).contains("ERROR NO_CLIENT_CREDENTIALS");
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void checkWithoutCredentialsSaysHowToGetThem() {
    CliRun run = CliRun.of("check", "--keytab", keytab.toString(), "--spn",
        kdc.qualify("HTTP/localhost"), "--ccache", kdc.file("no-such-cache").toString());

    assertThat(run.exit()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).contains("ERROR NO_CLIENT_CREDENTIALS").contains("run kinit");
  }

  private static byte[] spnegoToken(String service) throws Exception {
    Subject client = JaasLogins.initiatorFromCache(kdc.qualify(USER), ccache);
    try (JdkInitiator init = JdkInitiator.toPrincipal(kdc.qualify(service)).spnego()
        .start(client)) {
      return init.firstToken();
    }
  }

  @Test
  void explainDecodesARealHeaderWithoutKeysAndAcceptsItTwiceWithTheKeytab() throws Exception {
    String header = "Negotiate " + Base64.getEncoder().encodeToString(spnegoToken("HTTP/localhost"));

    CliRun decoded = CliRun.of("explain", header);
    CliRun first = CliRun.of("explain", "--keytab", keytab.toString(), header);
    CliRun again = CliRun.of("explain", "--keytab", keytab.toString(), "--json", header);

    assertThat(decoded.exit()).as(decoded.toString()).isZero();
    assertThat(decoded.out()).contains("Mechanisms offered, most preferred first: Kerberos V5")
        .contains("Ticket for:            " + kdc.qualify("HTTP/localhost") + " (realm "
            + MitKdc.REALM + ")")
        .contains("kvno " + kdc.currentKvno("HTTP/localhost") + ", aes256-cts-hmac-sha1-96")
        .contains("AP options:            mutual-required");
    assertThat(first.exit()).as(first.toString()).isZero();
    assertThat(first.out()).contains("Acceptor: ESTABLISHED client " + kdc.qualify(USER));
    assertThat(again.exit()).as("replay cache off: " + again).isZero();
    assertThat(again.out()).contains("\"result\":\"established\"");
  }

  @Test
  void explainWithTheKeytabSaysWhyAStaleTicketFails(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("header.txt");
    Files.writeString(file, "Authorization: Negotiate "
        + Base64.getEncoder().encodeToString(spnegoToken("stale/localhost")) + "\n");

    CliRun run = CliRun.of("explain", "--keytab", keytab.toString(), "@" + file);

    assertThat(run.exit()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).contains("ERROR KVNO_MISMATCH").contains("the keytab is stale");
  }

  @Test
  void explainReportsClockSkewWithTheMeasuredDelta() throws Exception {
    String header = "Negotiate " + Base64.getEncoder().encodeToString(spnegoToken("HTTP/localhost"));
    Thread.sleep(2_100);

    CliRun run = CliRun.of("explain", "--keytab", keytab.toString(), "--max-skew", "1", header);

    assertThat(run.exit()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).containsPattern("ERROR CLOCK_SKEW: the client's clock is \\d+(\\.\\d+)? ?s"
        + " behind ours").contains("more than the allowed skew of 1");
  }

  @Test
  void explainSaysWhyAnNtlmOnlyHeaderMeansTheBrowserFellBack() {
    byte[] ntlmOnly = NegTokenInit.encode(List.of(MechOids.NTLM), NtlmMessages.negotiate(), null);
    CliRun spnego = CliRun.of("explain", "Negotiate " + Base64.getEncoder().encodeToString(ntlmOnly));
    CliRun raw = CliRun.of("explain",
        "Negotiate " + Base64.getEncoder().encodeToString(NtlmMessages.negotiate()));

    assertThat(spnego.exit()).as(spnego.toString()).isEqualTo(1);
    assertThat(spnego.out()).contains("Mechanisms offered, most preferred first: NTLM")
        .contains("ERROR NTLM_ONLY: the client offered only NTLM")
        .contains("could not get a Kerberos ticket");
    assertThat(raw.exit()).isEqualTo(1);
    assertThat(raw.out()).contains("a raw NTLMSSP message").contains("ERROR NTLM");
  }

  @Test
  void explainRejectsTextThatIsNotAToken() {
    CliRun run = CliRun.of("explain", "Negotiate not*base64");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("expected a base64 token");
  }

  @Test
  void keytabListsMitKeysAndJudgesThem() throws Exception {
    Path rotated = kdc.file("rotated.keytab");
    kdc.addService("rotated/localhost", MitEnctypes.AES_SHA1);
    kdc.keytabs().ktadd(rotated, MitEnctypes.AES_SHA1, "rotated/localhost");
    kdc.keytabs().ktadd(rotated, MitEnctypes.AES_SHA1, "rotated/localhost");
    Files.setPosixFilePermissions(rotated, PosixFilePermissions.fromString("rw-------"));
    kdc.addService("rc4/localhost", MitEnctypes.RC4);
    Path weak = kdc.file("weak.keytab");
    kdc.keytabs().exportKeys(weak, "rc4/localhost");
    Files.setPosixFilePermissions(weak, PosixFilePermissions.fromString("rw-r--r--"));

    CliRun good = CliRun.of("keytab", keytab.toString());
    CliRun twoKvnos = CliRun.of("keytab", rotated.toString());
    CliRun bad = CliRun.of("keytab", "--json", weak.toString());

    assertThat(good.exit()).as(good.toString()).isZero();
    assertThat(good.out()).contains(kdc.qualify("stale/localhost"))
        .containsPattern("HTTP/localhost@" + MitKdc.REALM.replace(".", "\\.")
            + " +\\d+ +aes256-cts-hmac-sha1-96 +20\\d\\d-.* +service=HTTP,index=0");
    assertThat(twoKvnos.exit()).as(twoKvnos.toString()).isZero();
    assertThat(twoKvnos.out()).contains("WARNING SEVERAL_KVNOS");
    assertThat(bad.exit()).as(bad.toString()).isEqualTo(1);
    assertThat(bad.out()).contains("\"code\":\"KEYTAB_MODE_TOO_OPEN\"")
        .contains("\"code\":\"WEAK_ENCTYPES_ONLY\"");
  }
}
