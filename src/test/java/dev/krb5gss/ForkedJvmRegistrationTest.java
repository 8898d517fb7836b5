package dev.krb5gss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fresh JVMs (this JDK, and JDK 25) running one Negotiate round trip
 * ({@code dev.krb5gss.demo.RoundTripMain}: Kerby KDC, the JDK's SPNEGO initiator, a server on
 * GSSManager.getInstance()) with the provider registered each documented way; a JVM without the
 * exports, where the JDK's own Kerberos must keep working; and the default keytab.
 */
class ForkedJvmRegistrationTest {
  private static final String JDK25 = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java";
  private static final List<String> EXPORTS = List.of(
      "--add-exports", "java.security.jgss/sun.security.jgss.spi=ALL-UNNAMED",
      "--add-exports", "java.security.jgss/sun.security.jgss=ALL-UNNAMED");
  private static final Path EXAMPLES = Path.of("jaas-examples").toAbsolutePath();

  static Stream<Arguments> registrations() {
    List<Arguments> all = new ArrayList<>();
    for (String java : List.of(currentJava(), JDK25)) {
      all.add(Arguments.of(java, "install()", List.of(), List.of("install")));
      all.add(Arguments.of(java, "java.security.properties by class name",
          List.of("-Djava.security.properties=" + EXAMPLES.resolve("java.security/krb5gss.security")),
          List.of("static")));
      all.add(Arguments.of(java, "META-INF/services (java.security.properties by name)",
          List.of("-Djava.security.properties="
              + EXAMPLES.resolve("java.security/krb5gss-by-name.security")), List.of("static")));
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("registrations")
  void theJdkInitiatorAuthenticatesToOurAcceptor(String java, String how, List<String> jvmArgs,
      List<String> args) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(java)), "no JVM at " + java);
    List<String> flags = new ArrayList<>(EXPORTS);
    flags.addAll(jvmArgs);

    Run run = run(java, flags, args, Map.of());

    assertThat(run.exit).as(run.output).isZero();
    assertThat(run.result()).contains("ok=true", "first=Krb5Gss", "krb5gssMechs=true",
        "krb5gssEstablished=1", "200 authenticated alice@KRB5GSS.FORK");
  }

  static Stream<String> javas() {
    return Stream.of(currentJava(), JDK25);
  }

  @ParameterizedTest(name = "without the exports on {0}")
  @MethodSource("javas")
  void withoutTheExportsTheJdksOwnKerberosKeepsWorking(String java) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(java)), "no JVM at " + java);

    Run run = run(java, List.of(), List.of("install"), Map.of());

    assertThat(run.exit).as(run.output).isZero();
    assertThat(run.result()).contains("ok=true", "first=Krb5Gss", "krb5gssMechs=false",
        "krb5gssEstablished=0", "200 authenticated alice@KRB5GSS.FORK");
    assertThat(run.output.lines().filter(l -> l.contains("registers no GSS mechanism")))
        .singleElement().asString()
        .contains("--add-exports java.security.jgss/sun.security.jgss.spi=ALL-UNNAMED");
  }

  @ParameterizedTest(name = "HttpURLConnection Negotiate client next to our acceptor on {0}")
  @MethodSource("javas")
  void theJdksHttpClientNegotiatesThroughTheJdkInitiatorWhileWeAreFirst(String java)
      throws Exception {
    assumeTrue(Files.isExecutable(Path.of(java)), "no JVM at " + java);

    Run run = run(java, EXPORTS, List.of("install", "--httpurlconnection"), Map.of());

    assertThat(run.exit).as(run.output).isZero();
    assertThat(run.result()).contains("ok=true", "krb5gssMechs=true", "krb5gssEstablished=1",
        "200 authenticated alice@KRB5GSS.FORK");
  }

  @Test
  void theExportsCanComeFromJdkJavaOptions() throws Exception {
    Run run = run(currentJava(), List.of(), List.of("install"), Map.of("JDK_JAVA_OPTIONS",
        "--add-exports=java.security.jgss/sun.security.jgss.spi=ALL-UNNAMED"
            + " --add-exports=java.security.jgss/sun.security.jgss=ALL-UNNAMED"));

    assertThat(run.exit).as(run.output).isZero();
    assertThat(run.output).contains("Picked up JDK_JAVA_OPTIONS");
    assertThat(run.result()).contains("ok=true", "krb5gssMechs=true", "krb5gssEstablished=1");
  }

  @Test
  void withUseSubjectCredsOnlyFalseTheDefaultKeytabServes(@TempDir Path dir) throws Exception {
    Path keytab = dir.resolve("default.keytab");
    List<String> flags = new ArrayList<>(EXPORTS);
    flags.add("-Djavax.security.auth.useSubjectCredsOnly=false");
    flags.add("-Dkrb5gss.keytab=" + keytab);

    Run run = run(currentJava(), flags, List.of("install", "--default-keytab"),
        Map.of("KRB5_KTNAME", "FILE:" + keytab));

    assertThat(run.exit).as(run.output).isZero();
    assertThat(run.result()).contains("ok=true", "krb5gssMechs=true", "krb5gssEstablished=1");
  }

  @ParameterizedTest(name = "unmodified Tomcat SpnegoAuthenticator on {0}")
  @MethodSource("javas")
  void tomcatsOwnSpnegoAuthenticatorUsesUs(String java) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(java)), "no JVM at " + java);

    Run run = run(java, EXPORTS, "dev.krb5gss.demo.TomcatSpnegoMain", List.of(), Map.of());

    assertThat(run.exit).as(run.output).isZero();
    assertThat(run.result()).contains("ok=true",
        "bodies=Hello, alice;Hello, alice;Hello, alice;", "krb5gssEstablished=3");
  }

  @ParameterizedTest(name = "unmodified Jetty SPNEGOLoginService on {0}")
  @MethodSource("javas")
  void jettysOwnSpnegoLoginServiceUsesUs(String java) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(java)), "no JVM at " + java);

    Run run = run(java, EXPORTS, "dev.krb5gss.demo.JettySpnegoMain", List.of(), Map.of());

    assertThat(run.exit).as(run.output).isZero();
    assertThat(run.result()).contains("ok=true",
        "bodies=Hello, alice;Hello, alice;Hello, alice;", "krb5gssEstablished=3");
  }

  private static Run run(String java, List<String> jvmFlags, List<String> args,
      Map<String, String> env) throws IOException, InterruptedException {
    return run(java, jvmFlags, "dev.krb5gss.demo.RoundTripMain", args, env);
  }

  private static Run run(String java, List<String> jvmFlags, String main, List<String> args,
      Map<String, String> env) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(jvmFlags);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main);
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().remove("JDK_JAVA_OPTIONS");
    pb.environment().remove("KRB5_KTNAME");
    pb.environment().putAll(env);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    boolean done = p.waitFor(120, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    return new Run(done ? p.exitValue() : -1, new String(out, StandardCharsets.UTF_8));
  }

  private static String currentJava() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  private static final class Run {
    final int exit;
    final String output;

    Run(int exit, String output) {
      this.exit = exit;
      this.output = output;
    }

    String result() {
      return output.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElse(output);
    }
  }
}
