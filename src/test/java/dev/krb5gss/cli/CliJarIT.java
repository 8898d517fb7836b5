package dev.krb5gss.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.interop.MitEnctypes;
import dev.krb5gss.interop.MitKdc;
import dev.krb5gss.interop.RequiresMitKrb5;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built command jar, {@code target/krb5gss-cli.jar}, run as {@code java -jar} in a child
 * process (after {@code package}, by failsafe) against an MIT KDC, with the client's ticket cache
 * and krb5.conf named the MIT way ({@code KRB5CCNAME}, {@code KRB5_CONFIG}); and the library jar
 * checked to carry none of the command's dependencies.
 */
@RequiresMitKrb5
class CliJarIT {
  private static final Path CLI_JAR = Path.of("target", "krb5gss-cli.jar");
  private static MitKdc kdc;
  private static Path ccache;
  private static Path keytab;

  @BeforeAll
  static void startKdc() throws Exception {
    kdc = MitKdc.start();
    kdc.addUser("dave", "dave-password", MitEnctypes.AES_SHA1);
    kdc.addService("HTTP/localhost", MitEnctypes.AES_SHA1);
    keytab = kdc.file("http.keytab");
    kdc.keytabs().ktadd(keytab, MitEnctypes.AES_SHA1, "HTTP/localhost");
    Files.setPosixFilePermissions(keytab, PosixFilePermissions.fromString("rw-------"));
    ccache = kdc.kinit("dave", "dave-password");
  }

  @AfterAll
  static void stopKdc() throws Exception {
    if (kdc != null) {
      kdc.close();
    }
  }

  private record Result(int exit, String out) {}

  private static Result java(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(CLI_JAR.toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("KRB5_CONFIG", kdc.krb5Conf().toString());
    pb.environment().put("KRB5CCNAME", "FILE:" + ccache);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the command finished").isTrue();
    return new Result(p.exitValue(), out);
  }

  @Test
  void theJarChecksADeploymentWithTheMitTicketCache() throws Exception {
    assertThat(CLI_JAR).as("built by mvn package").exists();
    Result ok = java("check", "--keytab", keytab.toString());
    Result wrong = java("check", "--keytab", keytab.toString(), "--spn",
        kdc.qualify("HTTP/nowhere"), "--json");

    assertThat(ok.exit()).as(ok.out()).isZero();
    assertThat(ok.out()).contains("SPN " + kdc.qualify("HTTP/localhost"))
        .contains("ESTABLISHED client " + kdc.qualify("dave")).endsWith("OK\n");
    assertThat(wrong.exit()).as(wrong.out()).isEqualTo(1);
    assertThat(wrong.out()).contains("\"code\":\"SPN_UNKNOWN_TO_KDC\"");
  }

  @Test
  void theLibraryJarCarriesNoneOfTheCommandsDependencies() throws Exception {
    Path library = Files.list(Path.of("target"))
        .filter(p -> p.getFileName().toString().matches("krb5gss-[0-9].*\\.jar"))
        .filter(p -> !p.getFileName().toString().contains("-cli")).findFirst().orElseThrow();
    try (JarFile lib = new JarFile(library.toFile()); JarFile cli = new JarFile(CLI_JAR.toFile())) {
      assertThat(lib.stream().map(e -> e.getName()))
          .noneMatch(n -> n.startsWith("picocli/") || n.startsWith("com/google/"));
      assertThat(cli.getEntry("picocli/CommandLine.class")).isNotNull();
      assertThat(cli.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo(Krb5GssCli.class.getName());
      assertThat(cli.getManifest().getMainAttributes().getValue("Add-Exports"))
          .contains("java.security.jgss/sun.security.jgss.spi");
    }
  }
}
