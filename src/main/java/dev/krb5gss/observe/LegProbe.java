package dev.krb5gss.observe;

import dev.krb5gss.crypto.EncType;
import dev.krb5gss.error.Reason;
import dev.krb5gss.name.PrincipalName;

/**
 * One accept leg being observed: started before the leg, finished once with its outcome. The
 * acceptor calls {@link #start()} and gets null when nothing listens (no observer registered, no
 * Flight Recorder recording enabling {@link AcceptEvent}); then it skips the observation entirely.
 */
public final class LegProbe {
  private final long startNanos;
  private final Object flightEvent;

  private LegProbe(long startNanos, Object flightEvent) {
    this.startNanos = startNanos;
    this.flightEvent = flightEvent;
  }

  /** A probe for the leg starting now, or null when no one observes legs. */
  public static LegProbe start() {
    Object flight = FlightEvents.begin();
    if (flight == null && !AcceptObservers.any()) {
      return null;
    }
    return new LegProbe(System.nanoTime(), flight);
  }

  /**
   * Reports the finished leg to the recording and the observers.
   *
   * @param reason null unless {@code outcome} is REJECTED
   * @param encType null until the negotiation's Kerberos exchange succeeded
   * @param client null until the negotiation's Kerberos exchange succeeded
   */
  public void finish(Mechanism mechanism, Outcome outcome, Reason reason, EncType encType,
      PrincipalName client) {
    AcceptLeg leg = new AcceptLeg(mechanism, outcome, reason, encType, client,
        System.nanoTime() - startNanos);
    if (flightEvent != null) {
      FlightEvents.commit(flightEvent, leg);
    }
    AcceptObservers.tell(leg);
  }
}
