package dev.krb5gss.error;

/**
 * Our own fault, not the peer's: a missing JCE algorithm, a broken invariant, an unexpected state.
 * Never thrown for bad input; rejected input is a {@link RejectedException}.
 */
public final class InternalFaultException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InternalFaultException(String message) {
    super(message);
  }

  public InternalFaultException(String message, Throwable cause) {
    super(message, cause);
  }
}
