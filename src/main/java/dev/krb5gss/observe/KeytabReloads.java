package dev.krb5gss.observe;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts keytab reloads in the JVM: each time a keytab file already read is read again because
 * its identity, size or modification time changed (a key rotation, RFC 4120 §7.5.5), whichever
 * route (plain API or provider) reads it.
 */
public final class KeytabReloads {
  private static final LongAdder RELOADS = new LongAdder();

  private KeytabReloads() {}

  /** Called by the keytab cache after re-reading a changed file. */
  public static void record() {
    RELOADS.increment();
  }

  /** Reloads since the JVM started. */
  public static long count() {
    return RELOADS.sum();
  }
}
