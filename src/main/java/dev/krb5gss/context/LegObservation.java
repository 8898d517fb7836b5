package dev.krb5gss.context;

import dev.krb5gss.ap.ApEstablished;
import dev.krb5gss.error.Reason;
import dev.krb5gss.observe.LegProbe;
import dev.krb5gss.observe.Mechanism;
import dev.krb5gss.observe.Outcome;

/** Turns a leg of a {@link ServerContext} into a {@link LegProbe} report. */
final class LegObservation {
  private LegObservation() {}

  static void completed(LegProbe probe, Exchange exchange, AcceptStatus status) {
    report(probe, exchange, status == AcceptStatus.COMPLETE ? Outcome.ESTABLISHED
        : Outcome.CONTINUE, null);
  }

  static void rejected(LegProbe probe, Exchange exchange, Reason reason) {
    report(probe, exchange, Outcome.REJECTED, reason);
  }

  private static void report(LegProbe probe, Exchange exchange, Outcome outcome, Reason reason) {
    Mechanism mechanism = exchange == null ? Mechanism.UNKNOWN
        : exchange.mechanism() == Negotiated.SPNEGO ? Mechanism.SPNEGO : Mechanism.KRB5;
    Krb5Session session = exchange == null ? null : exchange.session();
    ApEstablished est = session instanceof ApSession ? ((ApSession) session).established() : null;
    probe.finish(mechanism, outcome, reason, est == null ? null : est.ticketEncType(),
        est == null ? null : est.client());
  }
}
