package dev.krb5gss.context;

import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link PendingContextStore#resume} found under a key, told from that negotiation's own
 * state rather than inferred from shared counters (in the spirit of Netty's
 * {@code DecoderResult}): the context, or why there is none.
 */
public final class PendingLookup {
  /** The outcome of a lookup. */
  public enum Status {
    /** A negotiation was waiting under the key; it is handed to the caller for its next leg. */
    FOUND,
    /** The negotiation under the key passed its leg deadline (RFC 2743 GSS_S_CONTEXT_EXPIRED). */
    EXPIRED,
    /** The negotiation under the key was evicted to make room while the store was full. */
    EVICTED,
    /** Nothing is pending under the key: finished, never started, or forgotten long ago. */
    ABSENT
  }

  private final Status status;
  private final ServerContext context;
  private final Duration legTimeout;

  private PendingLookup(Status status, ServerContext context, Duration legTimeout) {
    this.status = status;
    this.context = context;
    this.legTimeout = legTimeout;
  }

  static PendingLookup found(ServerContext context) {
    return new PendingLookup(Status.FOUND, Objects.requireNonNull(context), null);
  }

  static PendingLookup ended(Status status, Duration legTimeout) {
    return new PendingLookup(status, null, legTimeout);
  }

  public Status status() {
    return status;
  }

  /** The context, when {@link Status#FOUND}. */
  public Optional<ServerContext> context() {
    return Optional.ofNullable(context);
  }

  /**
   * The context for the next leg.
   *
   * @throws RejectedException CONTEXT_EXPIRED (EXPIRED), PENDING_EVICTED (EVICTED) or
   *     NO_CONTEXT (ABSENT); the client must start a new negotiation
   */
  public ServerContext orElseThrow() throws RejectedException {
    if (status == Status.FOUND) {
      return context;
    }
    throw failure();
  }

  /** The rejection that says why there is no context (not for FOUND). */
  RejectedException failure() {
    switch (status) {
      case EXPIRED:
        return new RejectedException(Reason.CONTEXT_EXPIRED, "the next leg arrived after the leg"
            + " timeout of " + legTimeout.toMillis() + " ms; the client must start over");
      case EVICTED:
        return new RejectedException(Reason.PENDING_EVICTED, "expected the negotiation pending"
            + " on this connection, but it was evicted to make room while the store of pending"
            + " negotiations was full (a flood of half-open negotiations?); the client must"
            + " start over");
      case ABSENT:
        return new RejectedException(Reason.NO_CONTEXT, "got a continuation token, but no"
            + " negotiation is pending under this key (finished or never started)");
      default:
        throw new IllegalStateException("a found context has no failure");
    }
  }

  @Override
  public String toString() {
    return "PendingLookup[" + status + "]";
  }
}
