package dev.krb5gss.metrics;

import dev.krb5gss.error.Reason;
import dev.krb5gss.observe.AcceptLeg;
import dev.krb5gss.observe.AcceptObserver;
import dev.krb5gss.observe.Mechanism;
import dev.krb5gss.observe.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Counts and times accept legs in one registry: {@code krb5gss.accepts} (mechanism, outcome,
 * reason) and {@code krb5gss.accept.duration} (mechanism, outcome). Meters are created on first
 * use and then looked up by index, so a leg costs two array reads, an increment and a record.
 */
final class LegMeters implements AcceptObserver {
  private static final Mechanism[] MECHANISMS = Mechanism.values();
  private static final Outcome[] OUTCOMES = Outcome.values();
  private static final Reason[] REASONS = Reason.values();

  private final MeterRegistry registry;
  private final AtomicReferenceArray<Counter> counters =
      new AtomicReferenceArray<>(MECHANISMS.length * OUTCOMES.length * (REASONS.length + 1));
  private final AtomicReferenceArray<Timer> timers =
      new AtomicReferenceArray<>(MECHANISMS.length * OUTCOMES.length);

  LegMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void onLeg(AcceptLeg leg) {
    int kind = leg.mechanism().ordinal() * OUTCOMES.length + leg.outcome().ordinal();
    int slot = kind * (REASONS.length + 1) + leg.reason().map(r -> r.ordinal() + 1).orElse(0);
    Counter counter = counters.get(slot);
    if (counter == null) {
      counter = Counter.builder("krb5gss.accepts")
          .description("Accept legs of krb5gss acceptors, by mechanism, outcome and reason")
          .tag("mechanism", leg.mechanism().tag()).tag("outcome", leg.outcome().tag())
          .tag("reason", leg.reasonTag()).register(registry);
      counters.set(slot, counter);
    }
    counter.increment();
    Timer timer = timers.get(kind);
    if (timer == null) {
      timer = Timer.builder("krb5gss.accept.duration")
          .description("Wall time of one accept leg on the accepting thread")
          .tag("mechanism", leg.mechanism().tag()).tag("outcome", leg.outcome().tag())
          .register(registry);
      timers.set(kind, timer);
    }
    timer.record(leg.durationNanos(), TimeUnit.NANOSECONDS);
  }
}
