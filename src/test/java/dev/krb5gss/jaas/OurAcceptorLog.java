package dev.krb5gss.jaas;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Test helper: records krb5gss's server-context state transitions (DEBUG log of
 * dev.krb5gss.context.ServerContext), to tell whether krb5gss or the JDK accepted a token.
 */
final class OurAcceptorLog extends Handler implements AutoCloseable {
  private final Logger logger = Logger.getLogger("dev.krb5gss.context.ServerContext");
  private final List<String> messages = new CopyOnWriteArrayList<>();

  OurAcceptorLog() {
    logger.setLevel(Level.ALL);
    logger.addHandler(this);
  }

  /** Whether a krb5gss server context reached ESTABLISHED since this log was opened. */
  boolean establishedByKrb5gss() {
    return messages.stream().anyMatch(m -> m.endsWith("-> ESTABLISHED"));
  }

  @Override
  public void publish(LogRecord r) {
    messages.add(new java.util.logging.SimpleFormatter().formatMessage(r));
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setLevel(null);
  }
}
