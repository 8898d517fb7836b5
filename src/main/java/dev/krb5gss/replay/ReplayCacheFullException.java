package dev.krb5gss.replay;

/**
 * The replay cache holds its maximum number of unexpired entries, in all or for this client: a
 * new authenticator cannot be recorded, so it is refused rather than accepted unchecked (which
 * would open a replay window). The acceptor maps it to {@code Reason.REPLAY_CACHE_FULL}.
 */
public final class ReplayCacheFullException extends Exception {
  private static final long serialVersionUID = 1L;

  public ReplayCacheFullException(String message) {
    super(message);
  }
}
