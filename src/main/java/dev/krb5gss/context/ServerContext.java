package dev.krb5gss.context;

import dev.krb5gss.ap.ApEstablished;
import dev.krb5gss.ap.ChannelBindings;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.observe.LegProbe;
import dev.krb5gss.token.MessageProtection;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The server side of one client's negotiation: the state machine behind SSPI's
 * AcceptSecurityContext and RFC 2743 §2.2.2 GSS_Accept_sec_context. Each {@link #accept} is one
 * leg; after a CONTINUE status the next leg must arrive before {@link #legDeadline()} (now + the
 * acceptor's leg timeout, from its injected clock), else the context is EXPIRED. No thread waits:
 * the deadline is checked when a token arrives, or by the {@link PendingContextStore} sweep.
 *
 * <p>States move only through {@link #moveTo}; FAILED, EXPIRED and DISPOSED are never left, and
 * entering one wipes the context's keys. A rejected leg fails the negotiation; a call the state
 * refuses (a token after ESTABLISHED, or in a terminal state) is rejected and changes nothing.
 * Thread-safe.
 */
public final class ServerContext {
  private static final System.Logger LOG = System.getLogger(ServerContext.class.getName());

  private final Acceptor acceptor;
  private final Clock clock;
  private final Duration legTimeout;
  private final ChannelBindings bindings;
  private ContextState state = ContextState.NEW;
  private Instant legDeadline;
  private Exchange exchange;
  private PendingEntry registration;
  private boolean evicted;

  ServerContext(Acceptor acceptor, ChannelBindings bindings) {
    this.acceptor = acceptor;
    this.bindings = bindings;
    this.clock = acceptor.clock();
    this.legTimeout = acceptor.legTimeout();
    this.legDeadline = clock.instant().plus(legTimeout);
  }

  /**
   * Accepts the client's next token. The result's output token must be sent to the client; on
   * rejection, {@link RejectedException#errorToken()} is the token to send, where the protocol
   * has one (a KRB-ERROR in the RFC 4121 framing; a SPNEGO reject).
   *
   * @throws RejectedException CONTEXT_EXPIRED past the leg deadline; NO_CONTEXT in a state that
   *     takes no tokens; otherwise the reason the leg was rejected (the context is then FAILED)
   */
  public synchronized AcceptResult accept(byte[] token) throws RejectedException {
    LegProbe probe = LegProbe.start(); // null unless metrics or a JFR recording listen
    if (probe == null) {
      return acceptLeg(token);
    }
    try {
      AcceptResult result = acceptLeg(token);
      LegObservation.completed(probe, exchange, result.status());
      return result;
    } catch (RejectedException e) {
      LegObservation.rejected(probe, exchange, e.reason());
      throw e;
    }
  }

  private AcceptResult acceptLeg(byte[] token) throws RejectedException {
    refuseUnlessPending();
    Instant now = clock.instant();
    if (state == ContextState.AWAITING_NEXT_LEG && now.isAfter(legDeadline)) {
      moveTo(ContextState.EXPIRED);
      throw new RejectedException(Reason.CONTEXT_EXPIRED, "the next leg arrived "
          + Duration.between(legDeadline, now).toMillis() + " ms after the leg deadline ("
          + legTimeout.toMillis() + " ms per leg); the client must start over");
    }
    try {
      return leg(token, now);
    } catch (RejectedException e) {
      moveTo(ContextState.FAILED);
      byte[] errorToken = exchange == null ? null : exchange.errorToken(e);
      throw errorToken == null ? e : e.withErrorToken(errorToken);
    } catch (RuntimeException | Error e) {
      moveTo(ContextState.FAILED);
      throw e;
    }
  }

  private AcceptResult leg(byte[] token, Instant now) throws RejectedException {
    if (token == null || token.length == 0) {
      throw new RejectedException(Reason.MALFORMED_TOKEN, "expected a token, got none");
    }
    if (token.length > acceptor.maxTokenSize()) {
      throw new RejectedException(Reason.TOKEN_TOO_LARGE, "expected at most "
          + acceptor.maxTokenSize() + " bytes, got " + token.length);
    }
    if (exchange == null) {
      exchange = acceptor.exchangeFor(token, bindings);
    }
    Leg leg = exchange.accept(token);
    if (leg.status.needsAnotherLeg()) {
      Instant deadline = now.plus(legTimeout);
      if (registration != null) {
        // a store slot only now: accept first, hold if needed
        registration.awaiting(deadline, leg.status == AcceptStatus.COMPLETE_AND_CONTINUE);
      }
      moveTo(ContextState.AWAITING_NEXT_LEG);
      legDeadline = deadline;
    } else {
      moveTo(ContextState.ESTABLISHED);
    }
    return leg.reply != null ? new AcceptResult(leg.status, leg.reply)
        : new AcceptResult(leg.status, leg.output);
  }

  private void refuseUnlessPending() throws RejectedException {
    switch (state) {
      case NEW:
      case AWAITING_NEXT_LEG:
        return;
      case ESTABLISHED:
        throw new RejectedException(Reason.NO_CONTEXT,
            "expected no further token: the context is already established");
      case EXPIRED:
        throw new RejectedException(Reason.CONTEXT_EXPIRED,
            "the context expired; the client must start a new negotiation");
      case DISPOSED:
        if (evicted) {
          throw new RejectedException(Reason.PENDING_EVICTED, "the negotiation was evicted from"
              + " the full pending store to make room; the client must start a new one");
        }
        throw new RejectedException(Reason.NO_CONTEXT, "the context is DISPOSED and takes no"
            + " further tokens");
      default:
        throw new RejectedException(Reason.NO_CONTEXT,
            "the context is " + state + " and takes no further tokens");
    }
  }

  /** The one transition method: checks the move, wipes secrets on entering a terminal state. */
  private void moveTo(ContextState next) {
    ContextState previous = state;
    if (!previous.successors().contains(next)) {
      throw new IllegalStateException("no transition " + previous + " -> " + next);
    }
    state = next;
    if (next.isTerminal() && exchange != null) {
      exchange.destroy();
    }
    if (previous.isPending() && !next.isPending() && registration != null) {
      registration.leftPending(next);
      registration = null;
    }
    LOG.log(Level.DEBUG, "server context {0} -> {1}", previous, next);
  }

  /**
   * Ends a negotiation its {@link PendingContextStore} let go of: EXPIRED when its deadline
   * passed, else DISPOSED (evicted, or replaced by a new negotiation under its key). A context
   * that stopped pending meanwhile (e.g. just ESTABLISHED) is left alone.
   */
  synchronized void abandon(PendingEntry.Status why) {
    if (!state.isPending()) {
      return;
    }
    evicted = why == PendingEntry.Status.EVICTED;
    moveTo(why == PendingEntry.Status.EXPIRED ? ContextState.EXPIRED : ContextState.DISPOSED);
  }

  /** Ties this context to a store entry; called once, before any leg. */
  synchronized void register(PendingEntry registration) {
    this.registration = registration;
  }

  public synchronized ContextState state() {
    return state;
  }

  /**
   * While AWAITING_NEXT_LEG, the instant after which the next leg is refused (and after which a
   * {@link PendingContextStore} reaps the context). While NEW, the creation time plus the leg
   * timeout; a NEW context takes its first token at any time and holds no store slot.
   */
  public synchronized Instant legDeadline() {
    return legDeadline;
  }

  /**
   * The outer mechanism the client used, known once the first token was accepted.
   *
   * @throws RejectedException NO_CONTEXT before the first token
   */
  public synchronized Negotiated mechanism() throws RejectedException {
    if (exchange == null) {
      throw new RejectedException(Reason.NO_CONTEXT, "no token accepted yet");
    }
    return exchange.mechanism();
  }

  /** Moves to DISPOSED and wipes the context's keys; idempotent. */
  public synchronized void dispose() {
    if (!state.isTerminal()) {
      moveTo(ContextState.DISPOSED);
    }
  }

  /**
   * The authenticated client, flags, keys and ticket data (RFC 4121 §4.1).
   *
   * @throws RejectedException NO_CONTEXT unless ESTABLISHED
   */
  public synchronized ApEstablished established() throws RejectedException {
    return session().established();
  }

  /**
   * The verified PAC (MS-PAC) of the client's ticket, empty when the ticket carried none; the
   * same as {@code established().pac()}.
   *
   * @throws RejectedException NO_CONTEXT unless ESTABLISHED
   */
  public synchronized java.util.Optional<dev.krb5gss.pac.Pac> pac() throws RejectedException {
    return session().established().pac();
  }

  /**
   * Per-message tokens for this context (RFC 4121 §4.2, RFC 4757 §7 for rc4-hmac; for SPNEGO,
   * those of the inner Kerberos context). One instance per context: sequence numbers continue
   * from the mechListMIC.
   *
   * @throws RejectedException NO_CONTEXT unless ESTABLISHED; CONTEXT_EXPIRED once the ticket's
   *     end time has passed (the context is then EXPIRED)
   */
  public synchronized MessageProtection protection() throws RejectedException {
    ApSession session = session();
    Instant now = clock.instant();
    if (now.isAfter(session.established().endTime())) {
      moveTo(ContextState.EXPIRED);
      throw new RejectedException(Reason.CONTEXT_EXPIRED, "the ticket ended at "
          + session.established().endTime() + "; the client must authenticate again");
    }
    return session.protection();
  }

  private ApSession session() throws RejectedException {
    if (state != ContextState.ESTABLISHED) {
      throw new RejectedException(state == ContextState.EXPIRED ? Reason.CONTEXT_EXPIRED
          : Reason.NO_CONTEXT, "expected an established context, but it is " + state);
    }
    return (ApSession) exchange.session();
  }

  @Override
  public synchronized String toString() {
    return "ServerContext[" + state + (exchange != null ? ", " + exchange.mechanism() : "") + "]";
  }
}
