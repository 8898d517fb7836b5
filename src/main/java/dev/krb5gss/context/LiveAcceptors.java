package dev.krb5gss.context;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Every {@link Acceptor} alive in the JVM, held weakly (an acceptor nobody uses any more is
 * collected as before), so that metrics can find the acceptors of the plain API and of the
 * provider, and through them their pending-context stores, replay caches and keys.
 */
public final class LiveAcceptors {
  private static final Map<Acceptor, Boolean> LIVE =
      Collections.synchronizedMap(new WeakHashMap<>());

  private LiveAcceptors() {}

  static void add(Acceptor acceptor) {
    LIVE.put(acceptor, Boolean.TRUE);
  }

  /** The acceptors alive now (a copy; identity order is unspecified). */
  public static List<Acceptor> snapshot() {
    synchronized (LIVE) {
      return new ArrayList<>(LIVE.keySet());
    }
  }
}
