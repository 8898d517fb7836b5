package dev.krb5gss.spi;

import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.error.RejectedGssException;

/**
 * Our failures as {@link org.ietf.jgss.GSSException}s that keep the reason: major code from
 * {@link Reason#gssMajor()}, minor code {@link Reason#minorCode()} (never 0, which would hide the
 * message from {@code getMessage()}), and the message.
 */
final class GssErrors {
  private static final System.Logger LOG = System.getLogger(GssErrors.class.getName());

  private GssErrors() {}

  static RejectedGssException of(Reason reason, String message) {
    return RejectedGssException.of(new RejectedException(reason, message));
  }

  static RejectedGssException of(RejectedException rejection) {
    return RejectedGssException.of(rejection);
  }

  /**
   * Our own fault while handling a peer's token: a {@code GSSException(FAILURE)} for the caller
   * (never an unchecked exception into the container), logged once with its stack trace. Our
   * exception messages carry no token bytes or keys.
   */
  static org.ietf.jgss.GSSException internal(RuntimeException fault) {
    LOG.log(System.Logger.Level.WARNING, "internal fault while accepting a token", fault);
    org.ietf.jgss.GSSException e = new org.ietf.jgss.GSSException(
        org.ietf.jgss.GSSException.FAILURE, 0, "krb5gss internal fault: "
            + fault.getClass().getSimpleName());
    e.initCause(fault);
    return e;
  }
}
