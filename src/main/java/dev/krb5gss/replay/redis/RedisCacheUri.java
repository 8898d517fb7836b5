package dev.krb5gss.replay.redis;

import io.lettuce.core.RedisURI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A replay-cache URI, validated: Lettuce's URI forms ({@code redis://}, {@code rediss://} for
 * TLS, {@code redis-sentinel://}, {@code rediss-sentinel://}) plus {@code redis-cluster://} and
 * {@code rediss-cluster://} (seed nodes, comma-separated, for a Redis Cluster), and krb5gss's own
 * query options {@code timeout} (milliseconds, or a number with {@code ms} or {@code s}; default
 * {@link #DEFAULT_TIMEOUT}) and {@code failOpen} ({@code true} or {@code false}, default false).
 * Other query options (e.g. {@code sentinelMasterId}, {@code verifyPeer}, {@code clientName})
 * go to Lettuce unchanged.
 *
 * <p>{@link #toString()} is the {@linkplain #display() display form}: scheme, hosts and database,
 * never the user, password or query. The raw text is kept only to connect.
 */
final class RedisCacheUri {
  static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(50);
  static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);
  private static final List<String> SCHEMES = List.of("redis", "rediss", "redis-sentinel",
      "rediss-sentinel", "redis-cluster", "rediss-cluster");

  private final String raw;
  private final String scheme;
  private final String userInfo;
  private final String hosts;
  private final String path;
  private final String lettuceQuery;
  private final Duration timeout;
  private final boolean failOpen;

  private RedisCacheUri(String raw, String scheme, String userInfo, String hosts, String path,
      String lettuceQuery, Duration timeout, boolean failOpen) {
    this.raw = raw;
    this.scheme = scheme;
    this.userInfo = userInfo;
    this.hosts = hosts;
    this.path = path;
    this.lettuceQuery = lettuceQuery;
    this.timeout = timeout;
    this.failOpen = failOpen;
  }

  /** Whether {@code uri} names a Redis replay cache (by scheme; not yet validated). */
  static boolean isRedis(String uri) {
    int sep = uri.indexOf("://");
    return sep > 0 && SCHEMES.contains(uri.substring(0, sep).toLowerCase(Locale.ROOT));
  }

  /**
   * Parses and checks {@code uri}.
   *
   * @throws IllegalArgumentException naming what is wrong (the message never quotes credentials)
   */
  static RedisCacheUri parse(String uri) {
    String text = uri.strip();
    int sep = text.indexOf("://");
    String scheme = sep < 0 ? "" : text.substring(0, sep).toLowerCase(Locale.ROOT);
    if (!SCHEMES.contains(scheme)) {
      throw new IllegalArgumentException("expected a replay cache URI with a scheme in " + SCHEMES
          + " (e.g. redis://127.0.0.1:6379/0), got scheme '" + scheme + "'");
    }
    String rest = text.substring(sep + 3);
    int q = rest.indexOf('?');
    String query = q < 0 ? "" : rest.substring(q + 1);
    String authorityPath = q < 0 ? rest : rest.substring(0, q);
    int slash = authorityPath.indexOf('/');
    String authority = slash < 0 ? authorityPath : authorityPath.substring(0, slash);
    String path = slash < 0 ? "" : authorityPath.substring(slash);
    int at = authority.lastIndexOf('@');
    String userInfo = at < 0 ? "" : authority.substring(0, at);
    String hosts = authority.substring(at + 1);
    String display = scheme + "://" + hosts + path;
    if (hosts.isEmpty() || hosts.startsWith(",") || hosts.endsWith(",") || hosts.contains(",,")) {
      throw new IllegalArgumentException("expected host[:port] (several separated by commas for "
          + "Sentinel or Cluster) in the replay cache URI " + display + ", got '" + hosts + "'");
    }
    if (!path.isEmpty() && !path.matches("/[0-9]{1,5}")) {
      throw new IllegalArgumentException("expected a database index such as /0 in the replay "
          + "cache URI " + display + ", got '" + path + "'");
    }
    boolean cluster = scheme.endsWith("-cluster");
    if (cluster && !path.isEmpty() && !path.equals("/0")) {
      throw new IllegalArgumentException("a Redis Cluster has only database 0; remove " + path
          + " from the replay cache URI " + display);
    }
    if (!scheme.endsWith("-sentinel") && !cluster && hosts.contains(",")) {
      throw new IllegalArgumentException("several hosts need redis-sentinel:// or "
          + "redis-cluster://, got " + display);
    }
    Duration timeout = DEFAULT_TIMEOUT;
    boolean failOpen = false;
    List<String> others = new ArrayList<>();
    for (String param : query.isEmpty() ? new String[0] : query.split("&")) {
      int eq = param.indexOf('=');
      String name = eq < 0 ? param : param.substring(0, eq);
      String value = eq < 0 ? "" : URLDecoder.decode(param.substring(eq + 1), StandardCharsets.UTF_8);
      if (name.equals("timeout")) {
        timeout = timeout(value, display);
      } else if (name.equals("failOpen")) {
        failOpen = bool(value, display);
      } else if (!name.isEmpty()) {
        others.add(param);
      }
    }
    RedisCacheUri parsed = new RedisCacheUri(text, scheme, userInfo, hosts, path,
        String.join("&", others), timeout, failOpen);
    parsed.lettuceUris();
    return parsed;
  }

  private static Duration timeout(String value, String display) {
    String v = value.toLowerCase(Locale.ROOT);
    try {
      Duration d = v.endsWith("ms") ? Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)))
          : v.endsWith("s") ? Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)))
          : Duration.ofMillis(Long.parseLong(v));
      if (!d.isNegative() && !d.isZero() && d.compareTo(MAX_TIMEOUT) <= 0) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("expected timeout= a duration in (0, 60 s] such as 50 "
        + "(ms), 50ms or 2s in the replay cache URI " + display + ", got '" + value + "'");
  }

  private static boolean bool(String value, String display) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new IllegalArgumentException("expected failOpen=true or failOpen=false in the "
            + "replay cache URI " + display + ", got '" + value + "'");
    }
  }

  /** The URIs Lettuce connects to: one, or a Cluster's seed nodes. */
  List<RedisURI> lettuceUris() {
    List<RedisURI> uris = new ArrayList<>();
    String query = lettuceQuery.isEmpty() ? "" : "?" + lettuceQuery;
    String credentials = userInfo.isEmpty() ? "" : userInfo + "@";
    try {
      if (isCluster()) {
        String base = scheme.startsWith("rediss") ? "rediss" : "redis";
        for (String host : hosts.split(",")) {
          uris.add(withTimeout(RedisURI.create(base + "://" + credentials + host + query)));
        }
      } else {
        uris.add(withTimeout(RedisURI.create(scheme + "://" + credentials + hosts + path + query)));
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Lettuce cannot use the replay cache URI " + display()
          + ": " + redact(String.valueOf(e.getMessage())));
    }
    return uris;
  }

  /** Connection set-up (handshake, AUTH, HELLO) may take longer than one command. */
  private RedisURI withTimeout(RedisURI uri) {
    uri.setTimeout(timeout.compareTo(Duration.ofSeconds(2)) > 0 ? timeout : Duration.ofSeconds(2));
    return uri;
  }

  boolean isCluster() {
    return scheme.endsWith("-cluster");
  }

  Duration timeout() {
    return timeout;
  }

  boolean failOpen() {
    return failOpen;
  }

  /** The text as configured, credentials included: for identity and connecting only. */
  String raw() {
    return raw;
  }

  /** Scheme, hosts and database: what logs and messages may show. */
  String display() {
    return scheme + "://" + hosts + path;
  }

  /** {@code text} with this URI's user information (user, password) blanked out. */
  String redact(String text) {
    String out = text;
    if (!userInfo.isEmpty()) {
      out = out.replace(userInfo, "***");
      for (String part : userInfo.split(":")) {
        if (part.length() >= 3) {
          out = out.replace(part, "***");
          String decoded = URLDecoder.decode(part, StandardCharsets.UTF_8);
          out = out.replace(decoded, "***");
        }
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return display();
  }
}
