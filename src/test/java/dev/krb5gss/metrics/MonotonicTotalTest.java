package dev.krb5gss.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A counter summed over objects that get collected never goes back. */
class MonotonicTotalTest {

  @Test
  void aCollectedObjectsLastCountStaysInTheTotal() throws Exception {
    MonotonicTotal<AtomicLong> total = new MonotonicTotal<>(AtomicLong::get);
    List<AtomicLong> live = new ArrayList<>(List.of(new AtomicLong(3), new AtomicLong(4)));
    assertThat(total.total(live)).isEqualTo(7);

    live.get(0).addAndGet(2);
    WeakReference<AtomicLong> gone = new WeakReference<>(live.get(1));
    assertThat(total.total(live)).isEqualTo(9);
    live.remove(1);
    for (int i = 0; i < 50 && gone.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }

    assertThat(gone.get()).isNull();
    assertThat(total.total(live)).isEqualTo(9);
    live.add(new AtomicLong(1));
    assertThat(total.total(live)).isEqualTo(10);
  }
}
