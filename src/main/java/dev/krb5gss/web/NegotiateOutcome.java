package dev.krb5gss.web;

import dev.krb5gss.error.Reason;
import java.util.Objects;
import java.util.Optional;

/**
 * What the container must do with one request of a Negotiate exchange (RFC 4559 §4-5): let it
 * through as an authenticated user (with the final token, e.g. the Kerberos AP-REP of mutual
 * authentication, in {@code WWW-Authenticate}), or answer it with a status and a challenge.
 * "Any output buffer must be sent back to the client": {@link #wwwAuthenticate()} carries it.
 */
public final class NegotiateOutcome {
  /** The kind of answer. */
  public enum Kind {
    /** Authenticated: serve the request; send {@link #wwwAuthenticate()} if present. */
    AUTHENTICATED,
    /** The negotiation needs another leg: 401 with the token to continue. */
    CONTINUE,
    /** No Negotiate credentials: 401 with a fresh {@code Negotiate} challenge. */
    CHALLENGE,
    /** Rejected: 401 with a fresh challenge, or 403; {@link #reason()} says why. */
    REJECTED
  }

  private final Kind kind;
  private final int status;
  private final String wwwAuthenticate;
  private final AuthenticatedUser user;
  private final Reason reason;

  private NegotiateOutcome(Kind kind, int status, String wwwAuthenticate, AuthenticatedUser user,
      Reason reason) {
    this.kind = kind;
    this.status = status;
    this.wwwAuthenticate = wwwAuthenticate;
    this.user = user;
    this.reason = reason;
  }

  static NegotiateOutcome authenticated(AuthenticatedUser user, byte[] finalToken) {
    String header = finalToken.length == 0 ? null : NegotiateHeader.challenge(finalToken);
    return new NegotiateOutcome(Kind.AUTHENTICATED, 200, header,
        Objects.requireNonNull(user, "user"), null);
  }

  static NegotiateOutcome continueWith(byte[] token) {
    return new NegotiateOutcome(Kind.CONTINUE, FailureStatus.UNAUTHORIZED,
        NegotiateHeader.challenge(token), null, null);
  }

  static NegotiateOutcome challenge() {
    return new NegotiateOutcome(Kind.CHALLENGE, FailureStatus.UNAUTHORIZED,
        NegotiateHeader.SCHEME, null, null);
  }

  static NegotiateOutcome rejected(Reason reason) {
    int status = FailureStatus.of(reason);
    String header = status == FailureStatus.UNAUTHORIZED ? NegotiateHeader.SCHEME : null;
    return new NegotiateOutcome(Kind.REJECTED, status, header, null, reason);
  }

  /** Our own fault (never the client's): 500, no challenge, no reason to report. */
  static NegotiateOutcome internalError() {
    return new NegotiateOutcome(Kind.REJECTED, 500, null, null, null);
  }

  public Kind kind() {
    return kind;
  }

  public boolean isAuthenticated() {
    return kind == Kind.AUTHENTICATED;
  }

  /** 200 when authenticated, else the status to answer with (401 or 403). */
  public int status() {
    return status;
  }

  /** The {@code WWW-Authenticate} value to send, if any. */
  public Optional<String> wwwAuthenticate() {
    return Optional.ofNullable(wwwAuthenticate);
  }

  public Optional<AuthenticatedUser> user() {
    return Optional.ofNullable(user);
  }

  /** Why the exchange was rejected (REJECTED only). */
  public Optional<Reason> reason() {
    return Optional.ofNullable(reason);
  }

  @Override
  public String toString() {
    return "NegotiateOutcome[" + kind + " " + status + (user == null ? "" : ", " + user.getName())
        + (reason == null ? "" : ", " + reason) + "]";
  }
}
