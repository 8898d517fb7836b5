package dev.krb5gss.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.gss.MechOids;
import dev.krb5gss.keytab.KeytabWriter;
import dev.krb5gss.spnego.NegTokenInit;
import dev.krb5gss.spnego.NegTokenResp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The krb5gss command on inputs that need no KDC: keytab findings from written keytabs, the
 * forms a pasted token takes, SPNEGO lists the acceptor must renegotiate, tokens that are not a
 * first leg or not a token at all, and the JSON writer.
 */
class CliOfflineTest {
  private static final String HTTP = "HTTP/web.example.com@EXAMPLE.COM";

  private static Path keytab(Path dir, KeytabWriter w) throws IOException {
    Path file = w.writeTo(dir.resolve("test.keytab"));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  @Test
  void keytabWithoutAesKeysFailsAndListsTheTimestamp(@TempDir Path dir) throws Exception {
    Path file = keytab(dir, new KeytabWriter().add(HTTP, 4, 25).add("alice@EXAMPLE.COM", 1, 18));

    CliRun run = CliRun.of("keytab", file.toString());

    assertThat(run.exit()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).contains("2023-11-14T22:13:20Z")
        .contains("service=HTTP,index=0").contains("service=none,index=0")
        .contains("ERROR NO_AES_KEY: " + HTTP + " has no AES key")
        .doesNotContain("ERROR NO_AES_KEY: alice");
  }

  @Test
  void aGoodKeytabPassesWithItsKvnosListed(@TempDir Path dir) throws Exception {
    Path file = keytab(dir, new KeytabWriter().add(HTTP, 7, 18).add(HTTP, 7, 17));

    CliRun run = CliRun.of("keytab", "--json", file.toString());

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).startsWith("{\"command\":\"keytab\",\"ok\":true")
        .contains("\"mode\":\"rw-------\"").contains("\"kvno\":7").contains("\"findings\":[]");
  }

  @Test
  void missingEmptyAndInvalidKeytabsFailWithTheirCode(@TempDir Path dir) throws Exception {
    Path empty = keytab(dir, new KeytabWriter());
    Path invalid = Files.write(dir.resolve("invalid.keytab"), new byte[] {5, 2, 0, 0, 0, 99});

    assertThat(CliRun.of("keytab", dir.resolve("nope.keytab").toString()).out())
        .contains("ERROR KEYTAB_MISSING");
    assertThat(CliRun.of("keytab", empty.toString()).out()).contains("ERROR KEYTAB_EMPTY");
    CliRun bad = CliRun.of("keytab", invalid.toString());
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.out()).contains("ERROR KEYTAB_INVALID").contains("runs past the end");
  }

  @Test
  void aPastedTokenIsReadInEveryUsualForm(@TempDir Path dir) throws Exception {
    byte[] token = NegTokenInit.encode(List.of(MechOids.KRB5), null, null);
    String b64 = Base64.getEncoder().encodeToString(token);
    Path raw = Files.write(dir.resolve("token.bin"), token);
    Path header = Files.writeString(dir.resolve("h.txt"), "Authorization: Negotiate\n  " + b64);

    assertThat(TokenText.decode(b64).token()).isEqualTo(token);
    assertThat(TokenText.decode("YWJjZGVm").token()).as("bare base64 of letters only")
        .isEqualTo("abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertThat(TokenText.decode("negotiate " + b64).scheme()).isEqualTo("negotiate");
    assertThat(TokenText.decode("@" + raw).token()).isEqualTo(token);
    assertThat(TokenText.decode("@" + header).token()).isEqualTo(token);
    assertThatThrownBy(() -> TokenText.decode("Negotiate "))
        .hasMessageContaining("expected a base64 token, got nothing after the scheme Negotiate");
  }

  @Test
  void ntlmFirstWithKerberosLaterIsAWarningAndTheAcceptorAsksForKerberos() {
    byte[] ntlmFirst = NegTokenInit.encode(List.of(MechOids.NTLM, MechOids.KRB5),
        NtlmMessages.negotiate(), null);

    CliRun run = CliRun.of("explain", Base64.getEncoder().encodeToString(ntlmFirst));

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains("WARNING KERBEROS_NOT_FIRST: the client prefers NTLM");
  }

  @Test
  void aLaterLegOrSomethingElseIsNotExplainedAsAFirstToken() {
    byte[] resp = NegTokenResp.of(null, null, new byte[] {1, 2, 3}, null).encode();

    CliRun later = CliRun.of("explain", Base64.getEncoder().encodeToString(resp));
    CliRun junk = CliRun.of("explain", Base64.getEncoder().encodeToString(new byte[] {0x42, 1}));

    assertThat(later.out()).contains("ERROR NOT_A_FIRST_TOKEN");
    assertThat(junk.exit()).isEqualTo(1);
    assertThat(junk.out()).contains("ERROR MALFORMED_TOKEN: expected an RFC 2743 initial context"
        + " token (first byte 0x60) or NTLMSSP, got a token starting 0x42");
  }

  @Test
  void noCommandIsAUsageError() {
    CliRun run = CliRun.of();

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("expected a command: keytab, check or explain");
  }

  @Test
  void controlCharactersFromATokenNeverReachTheTerminal() {
    assertThat(Report.printable("HTTP/\u001b[31mevil@R")).isEqualTo("HTTP/\\u001b[31mevil@R");
  }

  @Test
  void jsonEscapesControlCharactersAndQuotes() {
    assertThat(Json.write(Map.of("k", "a\"b\\c\n\u0001")))
        .isEqualTo("{\"k\":\"a\\\"b\\\\c\\n\\u0001\"}");
  }
}
