package dev.krb5gss.observe;

/**
 * The only code that touches {@code jdk.jfr}: a runtime image without the {@code jdk.jfr} module
 * (a trimmed jlink image) never loads {@link AcceptEvent}, and legs are then simply not recorded.
 */
final class FlightEvents {
  /** System property: record the authenticated client principal in the JFR event. */
  static final String CLIENT_PRINCIPAL_PROPERTY = "krb5gss.jfr.clientPrincipal";
  private static final boolean PRESENT =
      ModuleLayer.boot().findModule("jdk.jfr").isPresent() || jfrOnClassPath();

  private FlightEvents() {}

  private static boolean jfrOnClassPath() {
    try {
      Class.forName("jdk.jfr.Event", false, FlightEvents.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** A begun event when a recording enables it, else null. */
  static Object begin() {
    return PRESENT ? Jfr.begin() : null;
  }

  static void commit(Object event, AcceptLeg leg) {
    Jfr.commit((AcceptEvent) event, leg);
  }

  /** Loaded only when {@code jdk.jfr} is present. */
  private static final class Jfr {
    /** Asks whether the event type is enabled without allocating per leg. */
    private static final AcceptEvent PROBE = new AcceptEvent();

    static Object begin() {
      if (!PROBE.isEnabled()) {
        return null;
      }
      AcceptEvent e = new AcceptEvent();
      e.begin();
      return e;
    }

    static void commit(AcceptEvent e, AcceptLeg leg) {
      e.end();
      if (!e.shouldCommit()) {
        return;
      }
      e.mechanism = leg.mechanism().tag();
      e.outcome = leg.outcome().tag();
      e.reason = leg.reasonTag();
      e.encType = leg.encType().map(t -> t.mitName()).orElse(null);
      if (Boolean.getBoolean(CLIENT_PRINCIPAL_PROPERTY)) {
        e.clientPrincipal = leg.client().map(Object::toString).orElse(null);
      }
      e.commit();
    }
  }
}
