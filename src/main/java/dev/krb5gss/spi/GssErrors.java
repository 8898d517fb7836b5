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
  private GssErrors() {}

  static RejectedGssException of(Reason reason, String message) {
    return RejectedGssException.of(new RejectedException(reason, message));
  }

  static RejectedGssException of(RejectedException rejection) {
    return RejectedGssException.of(rejection);
  }
}
