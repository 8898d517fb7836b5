package dev.krb5gss.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A {@link Krb5GssMetrics} bound to a {@link SimpleMeterRegistry}, read through JDK types only.
 * Test classes hold this instead of Micrometer types, so that they can still be discovered on a
 * class path without Micrometer (the spring-boot3 surefire execution takes it off).
 */
public final class MeterProbe implements AutoCloseable {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Krb5GssMetrics metrics;

  private MeterProbe(Krb5GssMetrics metrics) {
    this.metrics = metrics;
    metrics.bindTo(registry);
  }

  /** A new binder, bound. */
  public static MeterProbe bind() {
    return new MeterProbe(new Krb5GssMetrics());
  }

  /** {@code binder} (a {@link Krb5GssMetrics}, e.g. a Spring bean), bound. */
  public static MeterProbe bind(Object binder) {
    return new MeterProbe((Krb5GssMetrics) binder);
  }

  /** {@code krb5gss.accepts} with these tags, 0 when no leg of that kind was counted. */
  public double accepts(String mechanism, String outcome, String reason) {
    Counter c = registry.find("krb5gss.accepts").tag("mechanism", mechanism)
        .tag("outcome", outcome).tag("reason", reason).counter();
    return c == null ? 0 : c.count();
  }

  /** The {@code krb5gss.accept.duration} timer's count and total nanoseconds. */
  public long[] duration(String mechanism, String outcome) {
    Timer t = registry.get("krb5gss.accept.duration").tag("mechanism", mechanism)
        .tag("outcome", outcome).timer();
    return new long[] {t.count(), (long) t.totalTime(TimeUnit.NANOSECONDS)};
  }

  public double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  public double functionCounter(String name) {
    return registry.get(name).functionCounter().count();
  }

  /** Values of the gauges named {@code name} whose tags include {@code key=value}. */
  public List<Double> gauges(String name, String key, String value) {
    return registry.find(name).tag(key, value).gauges().stream().map(Gauge::value)
        .collect(Collectors.toList());
  }

  /** Every tag of every meter named {@code name}, as {@code key=value} strings. */
  public List<String> tagsOf(String name) {
    return registry.find(name).meters().stream().map(Meter::getId)
        .flatMap(id -> id.getTags().stream()).map(t -> t.getKey() + "=" + t.getValue())
        .collect(Collectors.toList());
  }

  @Override
  public void close() {
    metrics.close();
  }
}
