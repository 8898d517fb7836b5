package dev.krb5gss.observe;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Objects;

/**
 * The JVM-wide list of {@link AcceptObserver}s. Registration copies the array; a leg reads one
 * volatile field, so the accept path pays nothing measurable when the list is empty.
 */
public final class AcceptObservers {
  private static final System.Logger LOG = System.getLogger(AcceptObservers.class.getName());
  private static final AcceptObserver[] NONE = new AcceptObserver[0];
  private static volatile AcceptObserver[] observers = NONE;

  private AcceptObservers() {}

  /** A registration; closing it removes the observer (closing twice is harmless). */
  @FunctionalInterface
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Adds {@code observer} until the returned registration is closed. Registering the same
   * observer twice tells it twice.
   */
  public static Registration register(AcceptObserver observer) {
    Objects.requireNonNull(observer, "observer");
    synchronized (AcceptObservers.class) {
      AcceptObserver[] now = observers;
      AcceptObserver[] next = Arrays.copyOf(now, now.length + 1);
      next[now.length] = observer;
      observers = next;
    }
    return () -> unregister(observer);
  }

  private static synchronized void unregister(AcceptObserver observer) {
    AcceptObserver[] now = observers;
    for (int i = 0; i < now.length; i++) {
      if (now[i] == observer) {
        AcceptObserver[] next = new AcceptObserver[now.length - 1];
        System.arraycopy(now, 0, next, 0, i);
        System.arraycopy(now, i + 1, next, i, now.length - i - 1);
        observers = next;
        return;
      }
    }
  }

  /** True when at least one observer is registered. */
  static boolean any() {
    return observers.length != 0;
  }

  /** Tells every observer; an observer's exception is logged, never propagated. */
  static void tell(AcceptLeg leg) {
    for (AcceptObserver o : observers) {
      try {
        o.onLeg(leg);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "accept observer " + o.getClass().getName() + " failed", e);
      }
    }
  }
}
