package dev.krb5gss.interop;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external command to completion with a deadline, its output captured through files so
 * neither stream can block the child.
 */
final class Commands {
  private Commands() {}

  static ProcessResult run(List<String> command, Map<String, String> env, String stdin,
      Duration timeout) throws IOException {
    File out = File.createTempFile("cmd", ".out");
    File err = File.createTempFile("cmd", ".err");
    try {
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectOutput(out)
          .redirectError(err);
      builder.environment().putAll(env);
      if (stdin == null) {
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      }
      Process process = builder.start();
      if (stdin != null) {
        try (var in = process.getOutputStream()) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!waitFor(process, timeout)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish within " + timeout);
      }
      return new ProcessResult(command, process.exitValue(),
          Files.readString(out.toPath()), Files.readString(err.toPath()));
    } finally {
      Files.deleteIfExists(out.toPath());
      Files.deleteIfExists(err.toPath());
    }
  }

  private static boolean waitFor(Process process, Duration timeout) throws IOException {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException("interrupted while waiting for " + process.info().command(), e);
    }
  }
}
