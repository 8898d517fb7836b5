package dev.krb5gss.web;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.time.Clock;
import java.util.Optional;

/**
 * Users authenticated on a keep-alive connection, so that later requests on the same connection
 * are not challenged again (what Windows does for Kerberos with {@code authPersistNonNTLM}; RFC
 * 4559 §6 leaves it to the server). An entry lasts until the user's ticket ends, and the cache is
 * bounded. Only safe when one connection carries one user's requests, so it is off unless
 * {@link NegotiateHandler.Builder#persistOnConnection} turns it on: behind a reverse proxy that
 * pools connections for several users, later users would inherit the first one's identity.
 * Thread-safe.
 */
final class AuthenticatedConnections {
  private final Clock clock;
  private final Cache<Object, AuthenticatedUser> users;

  AuthenticatedConnections(Clock clock, int maxConnections) {
    this.clock = clock;
    this.users = CacheBuilder.newBuilder().maximumSize(maxConnections).build();
  }

  void remember(Object connectionKey, AuthenticatedUser user) {
    users.put(connectionKey, user);
  }

  /** The user authenticated on this connection whose ticket has not ended. */
  Optional<AuthenticatedUser> find(Object connectionKey) {
    AuthenticatedUser user = users.getIfPresent(connectionKey);
    if (user != null && clock.instant().isAfter(user.expiresAt())) {
      users.invalidate(connectionKey);
      return Optional.empty();
    }
    return Optional.ofNullable(user);
  }

  void forget(Object connectionKey) {
    users.invalidate(connectionKey);
  }
}
