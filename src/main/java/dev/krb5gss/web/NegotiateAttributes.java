package dev.krb5gss.web;

import dev.krb5gss.web.AdapterSettings.Setting;

/**
 * The attributes both native adapters (the Tomcat valve and the Jetty authenticator) take, as
 * bean setters a container's configuration (Tomcat's Digester, Jetty's XmlConfiguration) finds by
 * reflection: one list for both, each setter recording its {@link Setting} in the adapter's
 * {@link AdapterSettings}, validated when the container starts; and the pending-store counts an
 * operator reads.
 */
public interface NegotiateAttributes {
  /** The adapter's settings, recorded from its attributes. */
  AdapterSettings settings();

  /** The handler, once started (null before). */
  NegotiateHandler handler();

  default void setKeytab(String v) {
    settings().set(Setting.KEYTAB, v);
  }

  /** {@code KeytabLoginModule}'s spelling of {@link #setKeytab}. */
  default void setKeyTab(String v) {
    settings().set(Setting.KEYTAB, v);
  }

  default void setPrincipal(String v) {
    settings().set(Setting.PRINCIPAL, v);
  }

  default void setAllowedServices(String v) {
    settings().set(Setting.ALLOWED_SERVICES, v);
  }

  /** {@code KeytabLoginModule}'s name for {@link #setAllowedServices}. */
  default void setAllowedPrincipals(String v) {
    settings().set(Setting.ALLOWED_SERVICES, v);
  }

  default void setAllowRc4(String v) {
    settings().set(Setting.ALLOW_RC4, v);
  }

  default void setEnctypes(String v) {
    settings().set(Setting.ENCTYPES, v);
  }

  default void setMaxSkew(String v) {
    settings().set(Setting.MAX_SKEW, v);
  }

  default void setLegTimeout(String v) {
    settings().set(Setting.LEG_TIMEOUT, v);
  }

  default void setMaxPending(String v) {
    settings().set(Setting.MAX_PENDING, v);
  }

  default void setMaxPendingPerKey(String v) {
    settings().set(Setting.MAX_PENDING_PER_KEY, v);
  }

  default void setMaxTokenSize(String v) {
    settings().set(Setting.MAX_TOKEN_SIZE, v);
  }

  default void setMechanisms(String v) {
    settings().set(Setting.MECHANISMS, v);
  }

  default void setRequireChannelBindings(String v) {
    settings().set(Setting.REQUIRE_CHANNEL_BINDINGS, v);
  }

  default void setPersistOnConnection(String v) {
    settings().set(Setting.PERSIST_ON_CONNECTION, v);
  }

  default void setMaxConnections(String v) {
    settings().set(Setting.MAX_CONNECTIONS, v);
  }

  default void setStripRealm(String v) {
    settings().set(Setting.STRIP_REALM, v);
  }

  /**
   * A role mapping file ({@link dev.krb5gss.web.SidRoleMapper}: {@code SID = role} and well-known
   * RID names such as {@code DOMAIN_ADMINS}): roles from the client's Active Directory groups in
   * its verified PAC, in place of the container's realm; read and checked when the adapter starts.
   */
  default void setRoleMapping(String path) {
    settings().set(Setting.ROLE_MAPPING, path);
  }

  /**
   * Requires an MS-PAC in every ticket (Reason PAC_REQUIRED). Attribute form; with a handler
   * given in code its acceptor must already require one ({@code Acceptor.builder()
   * .requirePac(true)}), else this fails at once (and the start fails).
   *
   * @throws IllegalStateException for {@code true} with a code-built handler whose acceptor
   *     accepts tickets without a PAC
   */
  default void setRequirePac(String v) {
    settings().checkRequirePac(v != null && v.strip().equalsIgnoreCase("true"));
    settings().set(Setting.REQUIRE_PAC, v);
  }

  /** {@link #setRequirePac(String)} for code. */
  default void setRequirePac(boolean require) {
    setRequirePac(String.valueOf(require));
  }

  /** Whether tickets without a PAC are refused (the built handler's, else the given one's). */
  default boolean isRequirePac() {
    NegotiateHandler h = handler() != null ? handler() : settings().givenHandler().orElse(null);
    return h != null ? h.acceptor().apAcceptor().policy().requirePac()
        : settings().get(Setting.REQUIRE_PAC).map(Boolean::parseBoolean).orElse(false);
  }

  /** Negotiations waiting for their next leg in the acceptor's pending store (0 before start). */
  default long getPendingCount() {
    NegotiateHandler h = handler();
    return h == null ? 0 : h.acceptor().pendingContexts().pendingCount();
  }

  /** Pending negotiations that expired (leg timeout), since start. */
  default long getExpiredCount() {
    NegotiateHandler h = handler();
    return h == null ? 0 : h.acceptor().pendingContexts().expiredCount();
  }

  /** Negotiations refused a pending slot (per-client cap), since start. */
  default long getRefusedCount() {
    NegotiateHandler h = handler();
    return h == null ? 0 : h.acceptor().pendingContexts().refusedCount();
  }

  /** Pending negotiations evicted while the store was full (a flood?), since start. */
  default long getEvictedCount() {
    NegotiateHandler h = handler();
    return h == null ? 0 : h.acceptor().pendingContexts().evictedCount();
  }

  /**
   * The acceptor's replay cache: a URI for {@code ReplayCaches.fromUri}, e.g.
   * {@code redis://host:6379/0} for a cache shared by every node behind the load balancer.
   * Unset: the {@code ReplayCaches.PROPERTY} system property, else the acceptor's own cache.
   */
  default void setReplayCache(String uri) {
    settings().set(Setting.REPLAY_CACHE, uri);
  }

  /** Accepted for Tomcat's attribute name; only {@code false} is supported. */
  default void setStoreDelegatedCredential(String v) {
    settings().set(Setting.STORE_DELEGATED_CREDENTIAL, v);
  }

  default void setNoKeepAliveUserAgents(String v) {
    settings().set(Setting.NO_KEEP_ALIVE_USER_AGENTS, v);
  }
}
