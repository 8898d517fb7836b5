package dev.krb5gss.interop;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs an external command to completion with a deadline, its output captured through files so
 * neither stream can block the child; stops background daemons and removes their directories.
 */
public final class Commands {
  private Commands() {}

  /** Runs {@code command} with extra environment and optional stdin, failing after timeout. */
  public static ProcessResult run(List<String> command, Map<String, String> env, String stdin,
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
        throw new TimedOut(String.join(" ", command) + " did not finish within " + timeout);
      }
      return new ProcessResult(command, process.exitValue(),
          Files.readString(out.toPath()), Files.readString(err.toPath()));
    } finally {
      Files.deleteIfExists(out.toPath());
      Files.deleteIfExists(err.toPath());
    }
  }

  /** Stops a daemon started by a test: SIGTERM, then SIGKILL if it lingers 10 s. */
  public static void stop(Process process) {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Deletes a directory tree (a test daemon's temp dir); a missing directory is fine. */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path path : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    }
  }

  /** Where an executable is: the usual system directories first, then {@code PATH}. */
  public static Optional<Path> which(String executable) {
    List<Path> dirs = new ArrayList<>(List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"),
        Path.of("/sbin"), Path.of("/bin"), Path.of("/usr/local/sbin"), Path.of("/usr/local/bin")));
    for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        dirs.add(Path.of(entry));
      }
    }
    for (Path dir : dirs) {
      Path candidate = dir.resolve(executable);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Starts a daemon up to {@code attempts} times: a free port may be taken before it binds. A
   * command that timed out is not tried again (the machine is too busy; another try would wait
   * as long).
   */
  public static <T> T startRetrying(int attempts, IoSupplier<T> start) throws IOException {
    IOException last = null;
    for (int attempt = 0; attempt < attempts; attempt++) {
      try {
        return start.get();
      } catch (TimedOut e) {
        throw e;
      } catch (IOException e) {
        last = e;
      }
    }
    throw last;
  }

  /** A command that did not finish within its deadline. */
  public static final class TimedOut extends IOException {
    private static final long serialVersionUID = 1L;

    TimedOut(String message) {
      super(message);
    }
  }

  /** A start-up that may fail with an {@link IOException}. */
  @FunctionalInterface
  public interface IoSupplier<T> {
    T get() throws IOException;
  }

  /** A TCP port free on 127.0.0.1 at the moment of asking (callers retry if it is taken). */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
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
