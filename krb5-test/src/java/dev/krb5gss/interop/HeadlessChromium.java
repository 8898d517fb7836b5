package dev.krb5gss.interop;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Debian's headless Chromium as a browser user's HTTP Negotiate client: Chromium's own HTTP
 * authentication state machine over MIT's GSS-API, with the MIT KDC's profile and a ticket cache
 * from {@code kinit} in its environment, Negotiate allowed for {@code localhost} and the SPN built
 * from the URL's host without a DNS lookup ({@code HTTP/localhost}).
 */
public final class HeadlessChromium {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final List<Path> CANDIDATES =
      List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));

  private final Path binary;
  private final Path profile;
  private final Map<String, String> env;

  private HeadlessChromium(Path binary, Path profile, Map<String, String> env) {
    this.binary = binary;
    this.profile = profile;
    this.env = env;
  }

  /**
   * A browser on a fresh profile in {@code dir} with {@code env} (KRB5_CONFIG, KRB5CCNAME).
   * Skips the test when Chromium is missing, except with {@code CI=true}, where that fails.
   * A fresh profile answers its first Negotiate challenge with ERR_UNSUPPORTED_AUTH_SCHEME, so a
   * first page load is made and discarded.
   */
  public static HeadlessChromium start(Path dir, Map<String, String> env, String warmUpUrl)
      throws IOException {
    Optional<Path> binary = CANDIDATES.stream().filter(Files::isExecutable).findFirst();
    if (binary.isEmpty()) {
      String problem = "headless Chromium is missing; install it with: apt-get install chromium";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("CI=true and " + problem);
      }
      assumeTrue(false, problem);
    }
    HeadlessChromium browser = new HeadlessChromium(binary.get(),
        Files.createDirectories(dir.resolve("chromium-profile")), env);
    browser.dumpDom(warmUpUrl);
    return browser;
  }

  /** The DOM of the page Chromium shows for {@code url} after any Negotiate exchange. */
  public String dumpDom(String url) throws IOException {
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless=new",
        "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=" + profile,
        "--auth-server-allowlist=localhost", "--auth-schemes=basic,digest,ntlm,negotiate",
        "--gssapi-library-name=libgssapi_krb5.so.2", "--disable-auth-negotiate-cname-lookup",
        "--dump-dom", url));
    return Commands.run(command, env, null, TIMEOUT).stdout();
  }
}
