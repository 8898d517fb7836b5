package dev.krb5gss.interop;

import java.util.List;

/** What an external command did: its command line, exit status and both output streams. */
public record ProcessResult(List<String> command, int exitCode, String stdout, String stderr) {

  /** Whether the command exited with status 0. */
  public boolean succeeded() {
    return exitCode == 0;
  }

  /** Both streams, for assertion messages. */
  public String output() {
    return stdout + stderr;
  }

  /** This result, or an {@link IllegalStateException} naming the command and its output. */
  public ProcessResult orThrow() {
    if (!succeeded()) {
      throw new IllegalStateException(describe());
    }
    return this;
  }

  /** A one-paragraph description for failure messages. */
  public String describe() {
    return String.join(" ", command) + " exited " + exitCode
        + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
  }
}
