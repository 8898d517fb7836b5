package dev.krb5gss.demo;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts krb5gss server contexts reaching ESTABLISHED, from their DEBUG state-transition log
 * (System.Logger over java.util.logging): evidence, in a forked JVM, that the server's
 * {@code GSSManager} used our acceptor and not the JDK's.
 */
final class OurContexts {
  /** Held strongly: java.util.logging keeps loggers (and their levels) only weakly. */
  private static final Logger CONTEXT_LOG = Logger.getLogger("dev.krb5gss.context.ServerContext");

  private OurContexts() {}

  static AtomicInteger countEstablished() {
    AtomicInteger count = new AtomicInteger();
    CONTEXT_LOG.setLevel(Level.FINE);
    CONTEXT_LOG.addHandler(new Handler() {
      @Override
      public void publish(LogRecord r) {
        Object[] p = r.getParameters();
        if (p != null && p.length == 2 && "ESTABLISHED".equals(String.valueOf(p[1]))) {
          count.incrementAndGet();
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    });
    return count;
  }
}
