package dev.krb5gss.replay.redis;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What the JVM's Redis replay caches share: Lettuce's event loops and timers (one set for all
 * clients), one {@link RedisReplayCache} per distinct URI, and one shutdown hook that closes them
 * all. Reconnect attempts back off from 10 ms to at most 1 s, so a Redis that comes back is used
 * again within about a second.
 */
final class SharedResources {
  private static final Map<String, RedisReplayCache> CACHES = new ConcurrentHashMap<>();
  private static volatile ClientResources resources;

  private SharedResources() {}

  static ClientResources get() {
    ClientResources r = resources;
    if (r == null) {
      synchronized (SharedResources.class) {
        r = resources;
        if (r == null) {
          r = DefaultClientResources.builder()
              .reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2,
                  TimeUnit.MILLISECONDS))
              .build();
          resources = r;
          Runtime.getRuntime().addShutdownHook(new Thread(SharedResources::shutdown,
              "krb5gss-redis-replay-cache-shutdown"));
        }
      }
    }
    return r;
  }

  /** The JVM's cache for {@code uri} (compared as written, credentials included). */
  static RedisReplayCache cache(String uri) {
    return CACHES.computeIfAbsent(uri.strip(), u -> RedisReplayCache.open(u).sharedInstance());
  }

  static void shutdown() {
    for (RedisReplayCache cache : CACHES.values()) {
      cache.closeNow();
    }
    CACHES.clear();
    ClientResources r = resources;
    if (r != null) {
      r.shutdown(0, 2, TimeUnit.SECONDS);
    }
  }
}
