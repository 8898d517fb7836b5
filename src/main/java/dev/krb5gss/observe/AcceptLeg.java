package dev.krb5gss.observe;

import dev.krb5gss.crypto.EncType;
import dev.krb5gss.error.Reason;
import dev.krb5gss.name.PrincipalName;
import java.util.Objects;
import java.util.Optional;

/**
 * One finished accept leg (one RFC 2743 §2.2.2 GSS_Accept_sec_context call): the mechanism, the
 * outcome, the {@link Reason} when it was rejected, the ticket's enctype and the authenticated
 * client once the Kerberos exchange is done, and how long the leg took. Carries no token, key or
 * address. Immutable.
 */
public final class AcceptLeg {
  private final Mechanism mechanism;
  private final Outcome outcome;
  private final Reason reason;
  private final EncType encType;
  private final PrincipalName client;
  private final long durationNanos;

  /**
   * @param reason the rejection's reason; null unless {@code outcome} is REJECTED
   * @param encType the ticket's enctype; null before the Kerberos exchange succeeded
   * @param client the authenticated client; null before the Kerberos exchange succeeded
   */
  public AcceptLeg(Mechanism mechanism, Outcome outcome, Reason reason, EncType encType,
      PrincipalName client, long durationNanos) {
    this.mechanism = Objects.requireNonNull(mechanism, "mechanism");
    this.outcome = Objects.requireNonNull(outcome, "outcome");
    if ((outcome == Outcome.REJECTED) != (reason != null)) {
      throw new IllegalArgumentException("expected a reason exactly when rejected, got "
          + outcome + " with reason " + reason);
    }
    this.reason = reason;
    this.encType = encType;
    this.client = client;
    this.durationNanos = durationNanos;
  }

  public Mechanism mechanism() {
    return mechanism;
  }

  public Outcome outcome() {
    return outcome;
  }

  /** The reason of a rejected leg; empty otherwise. */
  public Optional<Reason> reason() {
    return Optional.ofNullable(reason);
  }

  /** The reason's name, or {@code none}: the bounded value of the {@code reason} metric tag. */
  public String reasonTag() {
    return reason == null ? "none" : reason.name();
  }

  /** The ticket's enctype, once the Kerberos exchange of this negotiation succeeded. */
  public Optional<EncType> encType() {
    return Optional.ofNullable(encType);
  }

  /** The authenticated client, once the Kerberos exchange of this negotiation succeeded. */
  public Optional<PrincipalName> client() {
    return Optional.ofNullable(client);
  }

  /** Wall time of the leg on the accepting thread, in nanoseconds. */
  public long durationNanos() {
    return durationNanos;
  }

  @Override
  public String toString() {
    return "AcceptLeg[" + mechanism.tag() + ", " + outcome.tag() + ", " + reasonTag()
        + (encType == null ? "" : ", " + encType.mitName()) + ", " + durationNanos + " ns]";
  }
}
