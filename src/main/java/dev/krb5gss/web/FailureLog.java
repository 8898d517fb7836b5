package dev.krb5gss.web;

import dev.krb5gss.error.RejectedException;
import java.lang.System.Logger.Level;

/**
 * One log line per rejected Negotiate exchange, on the logger {@value #LOGGER}: the reason, the
 * client's address and the rejection's message (which by the project's rules never holds key
 * material, plaintext or token bytes). The token itself is never logged.
 */
public final class FailureLog {
  /** The logger name; route it with the container's logging configuration. */
  public static final String LOGGER = "dev.krb5gss.web";

  private static final System.Logger LOG = System.getLogger(LOGGER);

  private FailureLog() {}

  /** Logs our own fault while serving the client at {@code clientAddress}, with its stack trace. */
  public static void internal(String clientAddress, RuntimeException fault) {
    LOG.log(Level.ERROR, "Negotiate authentication from " + clientAddress
        + " failed with an internal fault", fault);
  }

  /** Logs {@code rejection} for the client at {@code clientAddress}. */
  public static void rejected(String clientAddress, int status, RejectedException rejection) {
    LOG.log(Level.WARNING, "Negotiate authentication from {0} failed with {1}: {2}",
        clientAddress, status, rejection.getMessage());
  }
}
