package dev.krb5gss.web;

import dev.krb5gss.ap.ApEstablished;
import java.util.Set;

/**
 * Maps an authenticated Kerberos client to the container's roles. It sees the verified context
 * ({@link ApEstablished#client()}, and the ticket's RFC 4120 §5.2.6 authorization-data, where a
 * PAC's group SIDs live, through {@link ApEstablished#authorizationData()}).
 */
@FunctionalInterface
public interface RoleMapper {
  /** The roles of the client of {@code established}; never null. */
  Set<String> roles(ApEstablished established);

  /** No roles. */
  static RoleMapper none() {
    return e -> Set.of();
  }

  /** The same roles for every authenticated client. */
  static RoleMapper fixed(String... roles) {
    Set<String> set = Set.of(roles);
    return e -> set;
  }
}
