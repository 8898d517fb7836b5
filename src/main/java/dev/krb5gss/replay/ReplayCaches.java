package dev.krb5gss.replay;

import java.security.Security;
import java.util.Locale;
import java.util.Optional;

/**
 * Replay caches by configuration (RFC 4120 §3.2.3). A replay cache URI is either
 * {@value #MEMORY} (the JVM-wide in-memory cache, the default) or a Redis URI for a cache shared
 * by a cluster ({@link dev.krb5gss.replay.redis.RedisReplayCache}, needs
 * {@code io.lettuce:lettuce-core} on the class path):
 *
 * <ul>
 *   <li>{@code redis://[[user:]password@]host[:port][/db]}, {@code rediss://…} (TLS);
 *   <li>{@code redis-sentinel://[[user:]password@]host[:port][,host[:port]…][/db]?sentinelMasterId=NAME},
 *       {@code rediss-sentinel://…};
 *   <li>{@code redis-cluster://[[user:]password@]host[:port][,host[:port]…]} (seed nodes of a Redis
 *       Cluster), {@code rediss-cluster://…};
 *   <li>query options: {@code timeout} (per check; {@code 50} = 50 ms, also {@code 50ms},
 *       {@code 2s}; default 50 ms), {@code failOpen=true} (fall back to the in-memory cache when
 *       Redis is unavailable instead of refusing tokens); other options go to Lettuce.
 * </ul>
 *
 * <p>Where it is configured: the system property {@value #PROPERTY} (or the {@code java.security}
 * Security property of the same name) for every acceptor the provider creates; the
 * {@code KeytabLoginModule} option {@code replayCache}; the Tomcat valve's {@code replayCache}
 * attribute; the Spring Boot property {@code krb5gss.replay-cache}; and
 * {@code Acceptor.builder().replayCache(ReplayCaches.fromUri(uri))}.
 */
public final class ReplayCaches {
  /** The system property (or Security property) naming the provider's replay cache. */
  public static final String PROPERTY = "krb5gss.replayCache";
  /** The URI of the JVM-wide in-memory cache. */
  public static final String MEMORY = "memory";

  private static final ReplayCache JVM_DEFAULT = new InMemoryReplayCache();

  private ReplayCaches() {}

  /**
   * The JVM-wide in-memory cache: one for every acceptor of the JVM that has no other (its keys
   * include the service principal), so a keytab rotation or a new acceptor never opens a fresh
   * replay window.
   */
  public static ReplayCache jvmDefault() {
    return JVM_DEFAULT;
  }

  /**
   * The cache a URI names: {@value #MEMORY} is {@link #jvmDefault()}; a Redis URI gives the JVM's
   * one shared cache for that URI (one Lettuce client per distinct URI).
   *
   * @throws IllegalArgumentException for an unknown scheme or a malformed URI, or when Lettuce is
   *     not on the class path (the message never quotes credentials)
   */
  public static ReplayCache fromUri(String uri) {
    String text = uri == null ? "" : uri.strip();
    if (text.equalsIgnoreCase(MEMORY)) {
      return JVM_DEFAULT;
    }
    if (isRedis(text)) {
      return redis(text);
    }
    int sep = text.indexOf("://");
    throw new IllegalArgumentException("expected a replay cache URI: " + MEMORY + ", redis://, "
        + "rediss://, redis-sentinel://, redis-cluster:// (or their rediss- forms), got "
        + (sep > 0 ? "scheme '" + text.substring(0, sep) + "'" : text.contains("@")
            ? "a value without a scheme (not quoted: it may hold a password)" : "'" + text + "'"));
  }

  /**
   * Checks a URI without connecting (for configuration checks at start-up).
   *
   * @throws IllegalArgumentException as {@link #fromUri}
   */
  public static void validate(String uri) {
    String text = uri == null ? "" : uri.strip();
    if (text.equalsIgnoreCase(MEMORY)) {
      return;
    }
    if (!isRedis(text)) {
      fromUri(text);
    }
    try {
      dev.krb5gss.replay.redis.RedisReplayCache.validate(text);
    } catch (LinkageError e) {
      throw lettuceMissing(e);
    }
  }

  /** The URI configured by {@value #PROPERTY}: the system property, else the Security property. */
  public static Optional<String> configuredUri() {
    String value = System.getProperty(PROPERTY);
    if (value == null || value.isBlank()) {
      value = Security.getProperty(PROPERTY);
    }
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /** The cache for {@code uri}, else the configured one ({@value #PROPERTY}), else the JVM's. */
  public static ReplayCache forUriOrConfigured(String uri) {
    if (uri != null && !uri.isBlank()) {
      return fromUri(uri);
    }
    return configuredUri().map(ReplayCaches::fromUri).orElse(JVM_DEFAULT);
  }

  private static boolean isRedis(String uri) {
    int sep = uri.indexOf("://");
    return sep > 0 && uri.substring(0, sep).toLowerCase(Locale.ROOT).matches("rediss?(-sentinel|-cluster)?");
  }

  /** Kept apart so the Redis classes (and Lettuce) are loaded only for a Redis URI. */
  private static ReplayCache redis(String uri) {
    try {
      return dev.krb5gss.replay.redis.RedisReplayCache.shared(uri);
    } catch (LinkageError e) {
      throw lettuceMissing(e);
    }
  }

  private static IllegalArgumentException lettuceMissing(LinkageError e) {
    return new IllegalArgumentException("a Redis replay cache needs io.lettuce:lettuce-core "
        + "(6.x or 7.x) on the class path: " + e, e);
  }
}
