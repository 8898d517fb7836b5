package dev.krb5gss.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a command found, printed for a person (lines, then findings, then OK or FAILED) or as one
 * JSON object ({@code ok}, the command's fields, {@code findings}). The exit status is 0 only
 * when no finding is an error.
 */
final class Report {
  static final int OK = 0;
  static final int FAILED = 1;

  private final String command;
  private final Map<String, Object> fields = new LinkedHashMap<>();
  private final List<String> lines = new ArrayList<>();
  private final List<Finding> findings = new ArrayList<>();

  Report(String command) {
    this.command = command;
  }

  /** A field of the JSON output. */
  Report put(String key, Object value) {
    fields.put(key, value);
    return this;
  }

  /** A line of the human output. */
  Report line(String text) {
    lines.add(text);
    return this;
  }

  Report add(Finding f) {
    findings.add(f);
    return this;
  }

  boolean ok() {
    return findings.stream().noneMatch(f -> f.severity() == Finding.Severity.ERROR);
  }

  List<Finding> findings() {
    return findings;
  }

  List<String> lines() {
    return lines;
  }

  /** The JSON object of this report (without the command name). */
  Map<String, Object> toMap() {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("ok", ok());
    all.putAll(fields);
    all.put("findings", findings.stream().map(Finding::toMap).collect(Collectors.toList()));
    return all;
  }

  /**
   * Names from a token are the client's to choose: control characters (a terminal escape
   * sequence in an SPN) are shown as {@code \\uXXXX}, never sent to the terminal.
   */
  static String printable(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      if (Character.isISOControl(c)) {
        sb.append(String.format("\\u%04x", c));
      } else {
        sb.appendCodePoint(c);
      }
    });
    return sb.toString();
  }

  /** Prints the report and returns the exit status. */
  int print(PrintWriter out, boolean json) {
    if (json) {
      Map<String, Object> all = new LinkedHashMap<>();
      all.put("command", command);
      all.putAll(toMap());
      out.println(Json.write(all));
    } else {
      lines.forEach(l -> out.println(printable(l)));
      if (!findings.isEmpty()) {
        out.println();
        for (Finding f : findings) {
          out.println(f.severity() + " " + f.code() + ": " + printable(f.message()));
        }
      }
      out.println(ok() ? "OK" : "FAILED");
    }
    out.flush();
    return ok() ? OK : FAILED;
  }
}
