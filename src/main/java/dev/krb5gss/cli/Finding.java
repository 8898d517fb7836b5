package dev.krb5gss.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing a check found: a stable code (for scripts), whether it fails the check, and a
 * message that says what is wrong and what to do.
 */
record Finding(Severity severity, String code, String message) {
  enum Severity {
    /** Fails the check (exit status 1). */
    ERROR,
    /** Worth knowing; the check still passes. */
    WARNING,
    /** Context for a person. */
    INFO
  }

  static Finding error(String code, String message) {
    return new Finding(Severity.ERROR, code, message);
  }

  static Finding warning(String code, String message) {
    return new Finding(Severity.WARNING, code, message);
  }

  static Finding info(String code, String message) {
    return new Finding(Severity.INFO, code, message);
  }

  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("severity", severity.name().toLowerCase(java.util.Locale.ROOT));
    m.put("code", code);
    m.put("message", message);
    return m;
  }
}
