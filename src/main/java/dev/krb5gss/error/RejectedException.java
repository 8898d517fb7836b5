package dev.krb5gss.error;

import java.util.Objects;
import java.util.Optional;

/**
 * Input was rejected: a token, ticket or request that is malformed, forged, stale or not
 * permitted. Carries a machine-readable {@link Reason}, a message a person can act on (never key
 * material or plaintext), and, where the protocol has one, the error token the client should get
 * (a KRB-ERROR inside the RFC 4121 framing, or a SPNEGO reject).
 */
public final class RejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final Reason reason;
  private final transient byte[] errorToken;

  public RejectedException(Reason reason, String message) {
    this(reason, message, null, null);
  }

  public RejectedException(Reason reason, String message, Throwable cause) {
    this(reason, message, null, cause);
  }

  private RejectedException(Reason reason, String message, byte[] errorToken, Throwable cause) {
    super(Objects.requireNonNull(reason, "reason") + ": " + message, cause);
    this.reason = reason;
    this.errorToken = errorToken == null ? null : errorToken.clone();
  }

  /** The same rejection, carrying the token to send back to the client. */
  public RejectedException withErrorToken(byte[] token) {
    RejectedException copy = new RejectedException(reason, detail(), token, getCause());
    copy.setStackTrace(getStackTrace());
    return copy;
  }

  public Reason reason() {
    return reason;
  }

  /** The message without the reason prefix. */
  public String detail() {
    String m = getMessage();
    return m.substring(reason.name().length() + 2);
  }

  /** The token the client should receive, if the protocol defines one for this failure. */
  public Optional<byte[]> errorToken() {
    return Optional.ofNullable(errorToken).map(byte[]::clone);
  }
}
