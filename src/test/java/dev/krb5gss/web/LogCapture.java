package dev.krb5gss.web;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;

/** Collects the java.util.logging records of one logger (System.Logger routes to it). */
public final class LogCapture extends Handler implements AutoCloseable {
  private final Logger logger;
  private final Level previous;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final SimpleFormatter formatter = new SimpleFormatter();

  private LogCapture(Logger logger, Level level) {
    this.logger = logger;
    this.previous = logger.getLevel();
    setLevel(level);
    logger.setLevel(level);
    logger.addHandler(this);
  }

  public static LogCapture of(String name, Level level) {
    return new LogCapture(Logger.getLogger(name), level);
  }

  @Override
  public void publish(LogRecord record) {
    if (isLoggable(record)) {
      records.add(record);
    }
  }

  public List<LogRecord> records() {
    return List.copyOf(records);
  }

  /** One record's message, parameters filled in. */
  public static String format(LogRecord record) {
    return new SimpleFormatter().formatMessage(record);
  }

  /** The formatted messages. */
  public List<String> messages() {
    return records.stream().map(formatter::formatMessage).collect(Collectors.toList());
  }

  public void clear() {
    records.clear();
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setLevel(previous);
  }
}
