package dev.krb5gss.bench;

import dev.krb5gss.metrics.Krb5GssMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jdk.jfr.Recording;

/**
 * What observes the acceptor during a benchmark trial, to measure its overhead against the same
 * run without it: {@code off}; {@code metrics}, {@link Krb5GssMetrics} bound to a Micrometer
 * {@link SimpleMeterRegistry} (a counter and a timer per leg); {@code jfr}, a Flight Recorder
 * recording with the {@code dev.krb5gss.Accept} event enabled (one event per leg).
 */
final class BenchObservation implements AutoCloseable {
  private final String mode;
  private final SimpleMeterRegistry registry;
  private final Krb5GssMetrics metrics;
  private final Recording recording;

  private BenchObservation(String mode, SimpleMeterRegistry registry, Krb5GssMetrics metrics,
      Recording recording) {
    this.mode = mode;
    this.registry = registry;
    this.metrics = metrics;
    this.recording = recording;
  }

  static BenchObservation start(String mode) {
    switch (mode) {
      case "off":
        return new BenchObservation(mode, null, null, null);
      case "metrics": {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Krb5GssMetrics metrics = new Krb5GssMetrics();
        metrics.bindTo(registry);
        return new BenchObservation(mode, registry, metrics, null);
      }
      case "jfr": {
        Recording r = new Recording();
        r.enable("dev.krb5gss.Accept");
        r.start();
        return new BenchObservation(mode, null, null, r);
      }
      default:
        throw new IllegalArgumentException("expected observe = off, metrics or jfr, got " + mode);
    }
  }

  /** Stops observing; fails when the observation saw no established leg (it was not wired). */
  @Override
  public void close() {
    if (metrics != null) {
      metrics.close();
      Counter established = registry.find("krb5gss.accepts").tag("outcome", "established")
          .counter();
      if (established == null || established.count() == 0) {
        throw new IllegalStateException("observe=metrics counted no established accept");
      }
    }
    if (recording != null) {
      recording.stop();
      long size = recording.getSize();
      recording.close();
      if (size == 0) {
        throw new IllegalStateException("observe=jfr recorded nothing");
      }
    }
  }

  @Override
  public String toString() {
    return "BenchObservation[" + mode + "]";
  }
}
