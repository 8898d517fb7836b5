package dev.krb5gss.interop;

import java.util.Optional;

/**
 * What the HTTP Negotiate server (RFC 4559 §4) saw on one authenticated request: the client,
 * whether a credential was delegated (RFC 2743 §2.2.2 {@code deleg_state}), what using that
 * credential as the client produced, and the failure if the request was refused.
 */
public record NegotiateExchange(
    boolean established,
    Optional<String> clientName,
    boolean delegated,
    Optional<String> delegationResult,
    Optional<AcceptFailure> failure) {}
