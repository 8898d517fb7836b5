package dev.krb5gss.interop;

import java.util.List;
import java.util.Optional;

/**
 * What the acceptor saw on one connection: whether the security context was established
 * (RFC 2743 §2.2.2), the authenticated client, the context flags, the messages it unwrapped or
 * received in the clear, the MICs it returned, and the failure if it refused.
 */
public record AcceptorSession(
    boolean established,
    Optional<String> clientName,
    Optional<String> mechanism,
    ContextFlags flags,
    List<String> messages,
    int wrappedMessages,
    int encryptedMessages,
    int micsSent,
    Optional<AcceptFailure> failure) {

  /** The context flags the acceptor reported once established (RFC 2743 §1.2.1.2). */
  public record ContextFlags(boolean mutual, boolean replay, boolean sequence, boolean conf,
      boolean integ, boolean delegation) {
    static final ContextFlags NONE = new ContextFlags(false, false, false, false, false, false);
  }

  /** The failure, or an {@link AssertionError} saying the connection did not fail. */
  public AcceptFailure requireFailure() {
    return failure.orElseThrow(() -> new AssertionError("expected a rejection, got " + this));
  }
}
