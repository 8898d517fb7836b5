package dev.krb5gss.error;

import java.util.Optional;
import org.ietf.jgss.GSSException;

/**
 * A {@link GSSException} for rejected input that keeps our {@link Reason}: the major code is
 * {@link Reason#gssMajor()} (RFC 2743 §1.2.1.1), the minor code {@link Reason#minorCode()}, the
 * minor string says what was expected and what arrived. Where the protocol defines one, the
 * token the peer should receive (a KRB-ERROR or SPNEGO reject) is available from
 * {@link #errorToken()}: GSS-API callers in Java cannot get a token and an exception from the same
 * call, so an application that wants to send it catches this type.
 */
public final class RejectedGssException extends GSSException {
  private static final long serialVersionUID = 1L;

  private final Reason reason;
  private final transient byte[] errorToken;

  private RejectedGssException(RejectedException cause) {
    super(cause.reason().gssMajor(), cause.reason().minorCode(), cause.getMessage());
    this.reason = cause.reason();
    this.errorToken = cause.errorToken().orElse(null);
    initCause(cause);
  }

  /** The GSS form of {@code rejection}. */
  public static RejectedGssException of(RejectedException rejection) {
    return new RejectedGssException(rejection);
  }

  /** Why the input was rejected. */
  public Reason reason() {
    return reason;
  }

  /** The token for the peer, if the protocol has one for this failure. */
  public Optional<byte[]> errorToken() {
    return Optional.ofNullable(errorToken).map(byte[]::clone);
  }
}
