package dev.krb5gss.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.keytab.KeytabParser;
import dev.krb5gss.keytab.ServiceKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cross-implementation check of string-to-key (RFC 3962 §4, RFC 8009 §4, RFC 4757 §2) against MIT
 * krb5's: {@code ktutil addent -password} derives the key with MIT's code and writes it to a
 * keytab, which we parse and compare with our key for the same pass phrase and default salt
 * (realm followed by the principal's components, RFC 4120 §4).
 */
class MitStringToKeyTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0} for {1}")
  @CsvSource(delimiter = '|', value = {
      "aes128-cts-hmac-sha1-96    | alice@EXAMPLE.COM                  | password",
      "aes256-cts-hmac-sha1-96    | HTTP/host.example.com@EXAMPLE.COM  | Pässwörd 𝄞 1",
      "aes128-cts-hmac-sha256-128 | alice@EXAMPLE.COM                  | password",
      "aes128-cts-hmac-sha256-128 | HTTP/host.example.com@EXAMPLE.COM  | Pässwörd 𝄞 1",
      "aes256-cts-hmac-sha384-192 | alice@EXAMPLE.COM                  | password",
      "aes256-cts-hmac-sha384-192 | HTTP/host.example.com@EXAMPLE.COM  | Pässwörd 𝄞 1",
      "arcfour-hmac               | bob@EXAMPLE.COM                    | Pässwörd 𝄞 1"})
  void ourKeyEqualsMitKtutils(String mitName, String principal, String password)
      throws Exception {
    Path keytab = ktutil(mitName, principal, password);
    List<ServiceKey> keys = KeytabParser.parse(Files.readAllBytes(keytab));
    assertThat(keys).hasSize(1);
    ServiceKey mit = keys.get(0);
    CryptoProfile profile = CryptoProfiles.of(mit.encType()).orElseThrow();
    CipherKey ours = profile.stringToKey(password.getBytes(StandardCharsets.UTF_8),
        salt(principal), 0);
    assertThat(ours.secret().equalsSecret(mit.secret()))
        .as("string-to-key of %s for %s", mit.encType(), principal).isTrue();
  }

  private static byte[] salt(String principal) {
    int at = principal.lastIndexOf('@');
    String realm = principal.substring(at + 1);
    return (realm + principal.substring(0, at).replace("/", ""))
        .getBytes(StandardCharsets.UTF_8);
  }

  private Path ktutil(String enctype, String principal, String password)
      throws IOException, InterruptedException {
    Path keytab = dir.resolve(enctype + ".keytab");
    Path emptyConf = Files.writeString(dir.resolve("krb5.conf"), "");
    ProcessBuilder pb = new ProcessBuilder("ktutil").redirectErrorStream(true)
        .redirectOutput(dir.resolve("ktutil.log").toFile());
    pb.environment().put("KRB5_CONFIG", emptyConf.toString());
    Process p = pb.start();
    String script = "addent -password -p " + principal + " -k 1 -e " + enctype + "\n"
        + password + "\n" + "wkt " + keytab + "\n" + "q\n";
    p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("ktutil finished").isTrue();
    assertThat(keytab).as(Files.readString(dir.resolve("ktutil.log"))).exists();
    return keytab;
  }
}
