package dev.krb5gss.context;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a {@link ServerContext}: {@code NEW → AWAITING_NEXT_LEG → ESTABLISHED}, or one of
 * the terminal states FAILED, EXPIRED, DISPOSED, which are never left. Mirrors the SSPI server
 * flow (AcceptSecurityContext called once per leg, a wait for the next leg that can time out) and
 * RFC 2743 §2.2.2 GSS_Accept_sec_context's CONTINUE_NEEDED / COMPLETE.
 */
public enum ContextState {
  /** Created; no token accepted yet. */
  NEW,
  /** A leg returned CONTINUE_NEEDED or COMPLETE_AND_CONTINUE; waiting for the client's next token. */
  AWAITING_NEXT_LEG,
  /** Authentication complete: the client is known and per-message keys are ready. */
  ESTABLISHED,
  /** A leg was rejected; secrets wiped. Terminal. */
  FAILED,
  /** The next leg came after the leg deadline (or the context lifetime ended); secrets wiped. Terminal. */
  EXPIRED,
  /** The caller disposed of the context; secrets wiped. Terminal. */
  DISPOSED;

  /** True for FAILED, EXPIRED and DISPOSED. */
  public boolean isTerminal() {
    return this == FAILED || this == EXPIRED || this == DISPOSED;
  }

  /** True while a negotiation is in flight (NEW or AWAITING_NEXT_LEG). */
  public boolean isPending() {
    return this == NEW || this == AWAITING_NEXT_LEG;
  }

  private static final Set<ContextState> FROM_PENDING = java.util.Collections.unmodifiableSet(
      EnumSet.of(AWAITING_NEXT_LEG, ESTABLISHED, FAILED, EXPIRED, DISPOSED));
  private static final Set<ContextState> FROM_ESTABLISHED =
      java.util.Collections.unmodifiableSet(EnumSet.of(EXPIRED, DISPOSED));

  /** The states this one may move to (an unmodifiable set, shared); empty for terminal states. */
  Set<ContextState> successors() {
    switch (this) {
      case NEW:
      case AWAITING_NEXT_LEG:
        return FROM_PENDING;
      case ESTABLISHED:
        return FROM_ESTABLISHED;
      default:
        return java.util.Collections.emptySet();
    }
  }
}
