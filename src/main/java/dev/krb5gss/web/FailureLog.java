package dev.krb5gss.web;

import dev.krb5gss.der.PeerText;
import dev.krb5gss.error.RejectedException;
import java.lang.System.Logger.Level;

/**
 * One log line per rejected Negotiate exchange, on the logger {@value #LOGGER}: the reason, the
 * client's address and the rejection's message (which by the project's rules never holds key
 * material, plaintext or token bytes). The token itself is never logged. Messages quote names a
 * peer chose, so the address and the message are escaped ({@link PeerText#escape}: no line
 * breaks, C1 controls or bidi overrides) and the message is capped at
 * {@value #MAX_MESSAGE_CHARS} chars: one rejection is one line of bounded length.
 */
public final class FailureLog {
  /** The logger name; route it with the container's logging configuration. */
  public static final String LOGGER = "dev.krb5gss.web";

  /** The longest rejection message quoted in a line, in chars. */
  public static final int MAX_MESSAGE_CHARS = 2048;

  private static final System.Logger LOG = System.getLogger(LOGGER);

  private FailureLog() {}

  /** Logs our own fault while serving the client at {@code clientAddress}, with its stack trace. */
  public static void internal(String clientAddress, RuntimeException fault) {
    LOG.log(Level.ERROR, "Negotiate authentication from " + PeerText.forLog(clientAddress, 256)
        + " failed with an internal fault", fault);
  }

  /** Logs {@code rejection} for the client at {@code clientAddress}. */
  public static void rejected(String clientAddress, int status, RejectedException rejection) {
    LOG.log(Level.WARNING, "Negotiate authentication from {0} failed with {1}: {2}",
        PeerText.forLog(clientAddress, 256), status,
        PeerText.forLog(String.valueOf(rejection.getMessage()), MAX_MESSAGE_CHARS));
  }
}
