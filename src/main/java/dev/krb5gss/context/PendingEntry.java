package dev.krb5gss.context;

import dev.krb5gss.error.RejectedException;
import java.time.Instant;

/**
 * A context's tie to a {@link PendingContextStore}: the few fields a half-open negotiation costs
 * the store (keys, deadline, list links). The context tells it when a leg asks for another one
 * ({@link #awaiting}) and when it stops pending ({@link #leftPending}); the store's lock guards
 * every field.
 */
final class PendingEntry {
  /**
   * DETACHED: holds no slot (not yet, or taken out for a leg); HELD: holds one; EXPIRED, EVICTED,
   * REPLACED (a new negotiation under its key, or removed): let go by the store, never held again.
   */
  enum Status { DETACHED, HELD, EXPIRED, EVICTED, REPLACED }

  final PendingContextStore store;
  final Object key;
  final Object clientKey;
  final ServerContext context;
  Status status = Status.DETACHED;
  /** Past a valid Kerberos leg (only the mechListMIC awaited): evicted only after open ones. */
  boolean proven;
  Instant deadline;
  PendingSlots.Client client;
  PendingEntry prev;
  PendingEntry next;
  PendingEntry clientPrev;
  PendingEntry clientNext;

  PendingEntry(PendingContextStore store, Object key, Object clientKey, ServerContext context) {
    this.store = store;
    this.key = key;
    this.clientKey = clientKey;
    this.context = context;
  }

  /**
   * The context's leg asked for another leg, due by {@code deadline}: hold a slot (or move the
   * deadline of the one held). {@code authenticated}: the Kerberos leg is done (the client
   * proved a valid ticket) and only its mechListMIC is awaited.
   *
   * @throws RejectedException TOO_MANY_PENDING past the per-client cap; PENDING_EVICTED or
   *     CONTEXT_EXPIRED when the store let go of this negotiation while its leg ran
   */
  void awaiting(Instant deadline, boolean authenticated) throws RejectedException {
    store.hold(this, deadline, authenticated);
  }

  /** The context stopped pending (ESTABLISHED, FAILED, EXPIRED or DISPOSED). */
  void leftPending(ContextState state) {
    store.left(this, state);
  }
}
