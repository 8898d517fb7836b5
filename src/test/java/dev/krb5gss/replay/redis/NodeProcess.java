package dev.krb5gss.replay.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ReplayNode} in a child JVM: the test's class path, the runtime exports the provider
 * needs, the keytab and the replay cache URI on the command line; one request line, one reply.
 */
final class NodeProcess implements AutoCloseable {
  private final Process process;
  private final PrintStream in;
  private final BufferedReader out;

  private NodeProcess(Process process) {
    this.process = process;
    this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
    this.out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  static NodeProcess start(Path keytab, String replayCacheUri) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String export : List.of("sun.security.jgss.spi", "sun.security.jgss")) {
      cmd.add("--add-exports");
      cmd.add("java.security.jgss/" + export + "=ALL-UNNAMED");
    }
    cmd.add("-Xmx256m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(ReplayNode.class.getName());
    cmd.add(keytab.toString());
    cmd.add(replayCacheUri);
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    NodeProcess node = new NodeProcess(p);
    String ready = node.out.readLine();
    if (!"READY".equals(ready)) {
      p.destroyForcibly();
      throw new IOException("expected READY from the child node, got " + ready);
    }
    return node;
  }

  /** {@code OK <µs>} or {@code REJECTED <REASON> <µs>}. */
  String accept(byte[] token) throws IOException {
    return request("ACCEPT " + Base64.getEncoder().encodeToString(token));
  }

  /** Sends a race; read its reply with {@link #reply()}. */
  void startRace(int threads, long startAt, byte[] token) {
    in.println("RACE " + threads + " " + startAt + " " + Base64.getEncoder().encodeToString(token));
  }

  String reply() throws IOException {
    String line = out.readLine();
    if (line == null) {
      throw new IOException("the child node exited");
    }
    return line;
  }

  private String request(String line) throws IOException {
    in.println(line);
    return reply();
  }

  @Override
  public void close() throws Exception {
    in.println("QUIT");
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
