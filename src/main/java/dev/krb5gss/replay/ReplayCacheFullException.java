package dev.krb5gss.replay;

/**
 * The replay cache holds its maximum number of unexpired entries: a new authenticator cannot be
 * recorded, so it is refused rather than accepted unchecked (which would open a replay window).
 */
public final class ReplayCacheFullException extends Exception {
  private static final long serialVersionUID = 1L;

  public ReplayCacheFullException(String message) {
    super(message);
  }
}
