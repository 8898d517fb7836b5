package dev.krb5gss.replay;

import java.security.Security;
import java.util.Locale;
import java.util.Optional;

/**
 * Replay caches by configuration (RFC 4120 §3.2.3). A replay cache URI is either
 * {@value #MEMORY} (the JVM-wide in-memory cache, the default), {@value #MEMORY} with bounds, or a
 * Redis URI for a cache shared by a cluster ({@link dev.krb5gss.replay.redis.RedisReplayCache},
 * needs {@code io.lettuce:lettuce-core} on the class path):
 *
 * <ul>
 *   <li>{@code memory?maxEntries=N&maxPerClient=M}: an in-memory cache with other bounds than the
 *       default ({@link InMemoryReplayCache#DEFAULT_MAX_ENTRIES} entries, a tenth of them per
 *       client principal); either option alone keeps the other's default (maxPerClient a tenth of
 *       maxEntries). One such cache per distinct pair of bounds per JVM, shared like the default.
 *       Raise {@code maxPerClient} when one client principal legitimately sends more than its share
 *       of new authenticators within the skew window (a batch service account);
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
  /** Bounded in-memory caches by their bounds (maxEntries, maxPerClient), JVM-wide like the default. */
  private static final java.util.concurrent.ConcurrentHashMap<java.util.List<Integer>, ReplayCache>
      BOUNDED = new java.util.concurrent.ConcurrentHashMap<>();

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
    if (isBoundedMemory(text)) {
      java.util.List<Integer> bounds = memoryBounds(text);
      return BOUNDED.computeIfAbsent(bounds, b -> new InMemoryReplayCache(
          java.time.Clock.systemUTC(), b.get(0), b.get(1)));
    }
    if (isRedis(text)) {
      return redis(text);
    }
    int sep = text.indexOf("://");
    throw new IllegalArgumentException("expected a replay cache URI: " + MEMORY + ", "
        + MEMORY + "?maxEntries=N&maxPerClient=M, redis://, "
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
    if (isBoundedMemory(text)) {
      memoryBounds(text);
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

  private static boolean isBoundedMemory(String uri) {
    return uri.regionMatches(true, 0, MEMORY + "?", 0, MEMORY.length() + 1);
  }

  /**
   * The bounds of {@code memory?maxEntries=N&maxPerClient=M}: [maxEntries, maxPerClient], each
   * option at most once, positive, maxPerClient at most maxEntries.
   */
  private static java.util.List<Integer> memoryBounds(String uri) {
    Integer maxEntries = null;
    Integer maxPerClient = null;
    for (String option : uri.substring(MEMORY.length() + 1).split("&", -1)) {
      int eq = option.indexOf('=');
      String name = eq < 0 ? option : option.substring(0, eq);
      if (!name.equals("maxEntries") && !name.equals("maxPerClient")) {
        throw new IllegalArgumentException("expected the options maxEntries and maxPerClient "
            + "in a " + MEMORY + " replay cache URI, got '" + dev.krb5gss.der.PeerText.forLog(name, 64) + "'");
      }
      int value = positive(name, eq < 0 ? "" : option.substring(eq + 1));
      if ((name.equals("maxEntries") ? maxEntries : maxPerClient) != null) {
        throw new IllegalArgumentException("expected " + name + " at most once in a " + MEMORY
            + " replay cache URI, got it twice");
      }
      if (name.equals("maxEntries")) {
        maxEntries = value;
      } else {
        maxPerClient = value;
      }
    }
    int entries = maxEntries != null ? maxEntries : InMemoryReplayCache.DEFAULT_MAX_ENTRIES;
    int perClient = maxPerClient != null ? maxPerClient
        : Math.max(1, entries / InMemoryReplayCache.DEFAULT_SHARE_DIVISOR);
    if (perClient > entries) {
      throw new IllegalArgumentException("expected maxPerClient <= maxEntries (" + entries
          + ") in a " + MEMORY + " replay cache URI, got " + perClient);
    }
    return java.util.List.of(entries, perClient);
  }

  private static int positive(String name, String text) {
    try {
      int value = Integer.parseInt(text);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new IllegalArgumentException("expected " + name + " to be a positive integer (at most "
        + Integer.MAX_VALUE + ") in a " + MEMORY + " replay cache URI, got '" + dev.krb5gss.der.PeerText.forLog(text, 64) + "'");
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
