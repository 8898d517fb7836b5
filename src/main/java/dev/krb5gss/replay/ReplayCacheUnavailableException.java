package dev.krb5gss.replay;

/**
 * A shared replay cache could not be consulted (unreachable, too slow, or refusing commands), so
 * whether an authenticator is a replay is unknown. The caller must refuse the token (RFC 4120
 * §3.2.3: a server that cannot check for replays must not accept the authenticator); the
 * acceptor reports it as {@code Reason.REPLAY_CACHE_UNAVAILABLE}. The message names the cache
 * (never its credentials) and the cause.
 */
public final class ReplayCacheUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  public ReplayCacheUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
