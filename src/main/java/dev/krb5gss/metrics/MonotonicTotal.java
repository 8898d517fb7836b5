package dev.krb5gss.metrics;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The sum of a monotonic count over objects that come and go (pending-context stores of
 * acceptors that may be collected), kept monotonic: an object's last count read is remembered
 * (weakly keyed) and kept in the total after the object is gone, so a counter never goes back.
 * Counts an object reached between the last read and its collection are lost.
 */
final class MonotonicTotal<T> {
  private final ToLongFunction<T> count;
  private final List<Tracked<T>> tracked = new ArrayList<>();
  private long retired;

  MonotonicTotal(ToLongFunction<T> count) {
    this.count = count;
  }

  synchronized long total(Collection<T> live) {
    Map<T, Boolean> seen = new IdentityHashMap<>();
    long sum = retired;
    for (Iterator<Tracked<T>> it = tracked.iterator(); it.hasNext();) {
      Tracked<T> t = it.next();
      T object = t.get();
      if (object == null) {
        retired += t.last;
        sum += t.last;
        it.remove();
      } else {
        t.last = Math.max(t.last, count.applyAsLong(object));
        sum += t.last;
        seen.put(object, Boolean.TRUE);
      }
    }
    for (T object : live) {
      if (!seen.containsKey(object)) {
        Tracked<T> t = new Tracked<>(object);
        t.last = count.applyAsLong(object);
        sum += t.last;
        tracked.add(t);
        seen.put(object, Boolean.TRUE);
      }
    }
    return sum;
  }

  private static final class Tracked<T> extends WeakReference<T> {
    long last;

    Tracked(T referent) {
      super(referent);
    }
  }
}
