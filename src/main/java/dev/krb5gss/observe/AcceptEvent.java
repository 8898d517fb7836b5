package dev.krb5gss.observe;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * The JDK Flight Recorder event {@code dev.krb5gss.Accept}: one per accept leg (RFC 2743 §2.2.2),
 * its duration the leg's wall time on the accepting thread, so a production recording shows
 * authentication next to GC and I/O. The client principal is recorded only when the system
 * property {@value FlightEvents#CLIENT_PRINCIPAL_PROPERTY} is {@code true}; tokens, keys and
 * addresses never are. Enabled by default (no threshold), without a stack trace; turn it off in a
 * JFC file or with {@code jfr configure}/{@code -XX:StartFlightRecording} settings
 * ({@code dev.krb5gss.Accept#enabled=false}).
 */
@Name(AcceptEvent.NAME)
@Label("Kerberos Accept")
@Category({"krb5gss", "Authentication"})
@Description("One GSS-API accept leg (Kerberos V5 or SPNEGO) of the krb5gss acceptor")
@StackTrace(false)
public final class AcceptEvent extends jdk.jfr.Event {
  /** The event name in recordings. */
  public static final String NAME = "dev.krb5gss.Accept";

  @Label("Mechanism")
  @Description("krb5 or spnego (unknown when the first token was refused before)")
  String mechanism;

  @Label("Outcome")
  @Description("established, continue or rejected")
  String outcome;

  @Label("Reason")
  @Description("The rejection's Reason name, or none")
  String reason;

  @Label("Enctype")
  @Description("The ticket's enctype, once the Kerberos exchange succeeded")
  String encType;

  @Label("Client Principal")
  @Description("Recorded only with -Dkrb5gss.jfr.clientPrincipal=true")
  String clientPrincipal;
}
