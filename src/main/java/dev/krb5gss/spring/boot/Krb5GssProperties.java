package dev.krb5gss.spring.boot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code krb5gss.*} settings of the Spring Boot auto-configuration: the service keytab (the
 * only one required), the service principal, role mapping and the acceptor's policy. Defaults are
 * the library's secure defaults (5 min skew, 30 s leg timeout, rc4 off, replay cache on).
 */
@ConfigurationProperties(prefix = "krb5gss")
public class Krb5GssProperties {
  /** The service keytab (e.g. /etc/krb5/http.keytab); setting it activates krb5gss. */
  private Path keytab;
  /**
   * The service principal(s) whose tickets are accepted, as in a JAAS entry: "*" (default) for
   * every principal in the keytab, a name such as HTTP/www.example.com@EXAMPLE.COM, or a pattern
   * with "*" (HTTP/*@EXAMPLE.COM).
   */
  private String principal = "*";
  /**
   * A file mapping clients to roles: "key = role1, role2" lines, where a key is a client's full
   * name (alice@EXAMPLE.COM), "*" for every authenticated client, an Active Directory SID
   * (S-1-5-21-...) or a well-known RID name of the user's domain (DOMAIN_ADMINS, DOMAIN_USERS),
   * matched against the verified PAC's user and group SIDs (nested groups included).
   */
  private Path roleMapping;
  /** Allowed clock skew between client and server (RFC 4120 §1.6). */
  private Duration maxSkew = Duration.ofMinutes(5);
  /** How long a multi-leg negotiation waits for the client's next leg. */
  private Duration legTimeout = Duration.ofSeconds(30);
  /** Cap on pending multi-leg negotiations. */
  private int maxPending = 10_000;
  /** Cap on pending negotiations per client address. */
  private int maxPendingPerKey = 64;
  /** Accept rc4-hmac tickets (weak, RFC 8429; off by default). */
  private boolean allowRc4;
  /** The enctypes to accept, by name (e.g. aes256-cts-hmac-sha1-96); empty for the defaults. */
  private List<String> enctypes = new ArrayList<>();
  /** Largest token accepted, in bytes. */
  private int maxTokenSize = 64 * 1024;
  /**
   * Whether a keep-alive connection stays authenticated for its later requests. Leave off behind
   * a proxy that shares connections between users.
   */
  private boolean persistOnConnection;
  /**
   * Refuse tickets without an Active Directory PAC (MS-PAC) with PAC_REQUIRED (403). A PAC that is
   * present is always verified.
   */
  private boolean requirePac;
  /**
   * The replay cache shared by every node of a cluster, e.g. redis://cache.internal:6379/0
   * (needs io.lettuce:lettuce-core; see replay/README.md). Unset: the krb5gss.replayCache
   * system property, else this node's own in-memory cache.
   */
  private String replayCache;

  public Path getKeytab() {
    return keytab;
  }

  public void setKeytab(Path keytab) {
    this.keytab = keytab;
  }

  public String getPrincipal() {
    return principal;
  }

  public void setPrincipal(String principal) {
    this.principal = principal;
  }

  public Path getRoleMapping() {
    return roleMapping;
  }

  public void setRoleMapping(Path roleMapping) {
    this.roleMapping = roleMapping;
  }

  public Duration getMaxSkew() {
    return maxSkew;
  }

  public void setMaxSkew(Duration maxSkew) {
    this.maxSkew = maxSkew;
  }

  public Duration getLegTimeout() {
    return legTimeout;
  }

  public void setLegTimeout(Duration legTimeout) {
    this.legTimeout = legTimeout;
  }

  public int getMaxPending() {
    return maxPending;
  }

  public void setMaxPending(int maxPending) {
    this.maxPending = maxPending;
  }

  public int getMaxPendingPerKey() {
    return maxPendingPerKey;
  }

  public void setMaxPendingPerKey(int maxPendingPerKey) {
    this.maxPendingPerKey = maxPendingPerKey;
  }

  public boolean isAllowRc4() {
    return allowRc4;
  }

  public void setAllowRc4(boolean allowRc4) {
    this.allowRc4 = allowRc4;
  }

  public List<String> getEnctypes() {
    return enctypes;
  }

  public void setEnctypes(List<String> enctypes) {
    this.enctypes = enctypes;
  }

  public int getMaxTokenSize() {
    return maxTokenSize;
  }

  public void setMaxTokenSize(int maxTokenSize) {
    this.maxTokenSize = maxTokenSize;
  }

  public boolean isPersistOnConnection() {
    return persistOnConnection;
  }

  public void setPersistOnConnection(boolean persistOnConnection) {
    this.persistOnConnection = persistOnConnection;
  }

  public boolean isRequirePac() {
    return requirePac;
  }

  public void setRequirePac(boolean requirePac) {
    this.requirePac = requirePac;
  }

  @Override
  public String toString() {
    return "Krb5GssProperties[keytab=" + keytab + ", principal=" + principal + "]";
  }

  public String getReplayCache() {
    return replayCache;
  }

  public void setReplayCache(String replayCache) {
    this.replayCache = replayCache;
  }
}
