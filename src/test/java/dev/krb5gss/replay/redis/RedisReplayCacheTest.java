package dev.krb5gss.replay.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.name.PrincipalName;
import dev.krb5gss.replay.ReplayCacheUnavailableException;
import dev.krb5gss.replay.ReplayKey;
import dev.krb5gss.web.LogCapture;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link RedisReplayCache} against a real redis-server with a password and an ACL user: the
 * atomic SET NX PX, the key and its TTL, database selection, fail-closed within the timeout when
 * Redis is stopped or hangs, recovery after a restart, and the opt-in fail-open.
 */
@RequiresRedis
class RedisReplayCacheTest {
  private static final String ADMIN_PW = "adm1n-Secret-pw";
  private static final String ALICE_PW = "al1ce-Secret-pw";
  private static final PrincipalName CLIENT = PrincipalName.parse("alice@EXAMPLE.COM", "");
  private static final PrincipalName SERVICE = PrincipalName.parse("HTTP/web@EXAMPLE.COM", "");
  private static final AtomicInteger SERIAL = new AtomicInteger();
  private static RedisServer redis;

  @BeforeAll
  static void startRedis() throws Exception {
    redis = RedisServer.start("--requirepass", ADMIN_PW,
        "--user", "alice", "on", ">" + ALICE_PW, "~krb5gss:rc:*", "+@all");
  }

  @AfterAll
  static void stopRedis() throws Exception {
    redis.close();
  }

  private static String uri(String userInfo, int db, String query) {
    return "redis://" + userInfo + "@127.0.0.1:" + redis.port() + "/" + db + query;
  }

  private static ReplayKey freshKey() {
    return ReplayKey.of(CLIENT, SERVICE, Instant.now(), SERIAL.incrementAndGet(),
        ("authenticator " + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void setNxPxRecordsOnceWithTheEntryLifetimeUnderItsNamespace() throws Exception {
    try (RedisReplayCache cache = ready(uri("alice:" + ALICE_PW, 0, ""))) {
      ReplayKey key = freshKey();
      Instant expires = Instant.now().plusSeconds(600);
      assertThat(cache.checkAndInsert(key, expires)).isTrue();
      assertThat(cache.checkAndInsert(key, expires)).isFalse();
      assertThat(cache.checkAndInsert(freshKey(), expires)).isTrue();

      String name = new String(RedisReplayCache.redisKey(key), StandardCharsets.US_ASCII);
      assertThat(name).startsWith("krb5gss:rc:").hasSizeLessThanOrEqualTo(64);
      long pttl = Long.parseLong(admin(0, "PTTL", name).substring(1));
      assertThat(pttl).isBetween(590_000L, 600_000L);
      assertThat(admin(0, "GET", name)).isEqualTo("$0");
      assertThat(cache.size()).isEqualTo(-1);
    }
  }

  @Test
  void anExpiredLifetimeStillRecordsForOneMillisecond() throws Exception {
    try (RedisReplayCache cache = ready(uri("alice:" + ALICE_PW, 0, ""))) {
      ReplayKey key = freshKey();
      assertThat(cache.checkAndInsert(key, Instant.now().minusSeconds(5))).isTrue();
      Thread.sleep(20);
      assertThat(cache.checkAndInsert(key, Instant.now().plusSeconds(60))).isTrue();
      assertThat(cache.checkAndInsert(key, Instant.now().plusSeconds(60))).isFalse();
    }
  }

  @Test
  void theDatabaseIndexSelectsTheDatabase() throws Exception {
    try (RedisReplayCache cache = ready(uri(":" + ADMIN_PW, 5, ""))) {
      ReplayKey key = freshKey();
      assertThat(cache.checkAndInsert(key, Instant.now().plusSeconds(60))).isTrue();
      String name = new String(RedisReplayCache.redisKey(key), StandardCharsets.US_ASCII);
      assertThat(admin(5, "EXISTS", name)).isEqualTo(":1");
      assertThat(admin(0, "EXISTS", name)).isEqualTo(":0");
    }
  }

  @Test
  void aWrongPasswordFailsClosedWithoutQuotingIt() throws Exception {
    try (RedisReplayCache cache = RedisReplayCache.open(uri("alice:wrong-Pass-77", 0, "?timeout=500"))) {
      assertThatThrownBy(() -> cache.checkAndInsert(freshKey(), Instant.now().plusSeconds(60)))
          .isInstanceOf(ReplayCacheUnavailableException.class)
          .hasMessageContaining("the shared replay cache redis://127.0.0.1:" + redis.port() + "/0 is unavailable")
          .hasMessageContaining("fail-closed")
          .hasMessageNotContaining("wrong-Pass-77").hasMessageNotContaining("alice");
    }
  }

  @Test
  void stoppedRedisFailsClosedWithinTheTimeoutThenRecovers() throws Exception {
    try (RedisReplayCache cache = ready(uri("alice:" + ALICE_PW, 0, "?timeout=50"));
        LogCapture log = LogCapture.of(RedisReplayCache.class.getName(), Level.INFO)) {
      assertThat(cache.checkAndInsert(freshKey(), Instant.now().plusSeconds(60))).isTrue();
      redis.stop();
      try {
        List<Long> elapsed = concurrently(8, 5, () -> {
          long t0 = System.nanoTime();
          assertThatThrownBy(() -> cache.checkAndInsert(freshKey(), Instant.now().plusSeconds(60)))
              .isInstanceOf(ReplayCacheUnavailableException.class)
              .hasMessageContaining("redis://127.0.0.1:" + redis.port() + "/0")
              .hasMessageNotContaining(ALICE_PW);
          return (System.nanoTime() - t0) / 1_000_000;
        });
        assertThat(elapsed).allSatisfy(ms -> assertThat(ms).isLessThan(50 + 150));
        assertThat(cache.isUnavailable()).isTrue();
        assertThat(log.records()).filteredOn(r -> r.getLevel() == Level.WARNING).hasSize(1);
        assertThat(log.messages().get(0)).contains("replay cache redis://127.0.0.1:" + redis.port()
            + "/0 unavailable").contains("refused (fail-closed)").doesNotContain(ALICE_PW);
      } finally {
        redis.startProcess();
      }
      assertThat(acceptsWithin(cache, 5_000)).isTrue();
      assertThat(cache.isUnavailable()).isFalse();
      assertThat(log.messages()).anySatisfy(m -> assertThat(m).contains("available again"));
    }
  }

  @Test
  void aRedisThatHangsFailsClosedAtTheTimeout() throws Exception {
    try (RedisReplayCache cache = ready(uri("alice:" + ALICE_PW, 0, "?timeout=40"))) {
      assertThat(cache.checkAndInsert(freshKey(), Instant.now().plusSeconds(60))).isTrue();
      redis.pause();
      try {
        List<Long> elapsed = concurrently(8, 3, () -> {
          long t0 = System.nanoTime();
          assertThatThrownBy(() -> cache.checkAndInsert(freshKey(), Instant.now().plusSeconds(60)))
              .isInstanceOf(ReplayCacheUnavailableException.class)
              .hasMessageContaining("no answer within 40 ms");
          return (System.nanoTime() - t0) / 1_000_000;
        });
        assertThat(elapsed).allSatisfy(ms -> assertThat(ms).isBetween(35L, 40L + 150));
      } finally {
        redis.resume();
      }
      assertThat(acceptsWithin(cache, 5_000)).isTrue();
    }
  }

  @Test
  void failOpenFallsBackToTheInMemoryCacheWithAWarning() throws Exception {
    try (RedisReplayCache cache = ready(uri("alice:" + ALICE_PW, 0,
        "?timeout=50&failOpen=true"));
        LogCapture log = LogCapture.of(RedisReplayCache.class.getName(), Level.INFO)) {
      assertThat(cache.failsOpen()).isTrue();
      assertThat(cache.checkAndInsert(freshKey(), Instant.now().plusSeconds(60))).isTrue();
      redis.stop();
      try {
        ReplayKey key = freshKey();
        assertThat(cache.checkAndInsert(key, Instant.now().plusSeconds(60))).isTrue();
        assertThat(cache.checkAndInsert(key, Instant.now().plusSeconds(60))).isFalse();
        assertThat(cache.checkAndInsert(freshKey(), Instant.now().plusSeconds(60))).isTrue();
        assertThat(log.records()).filteredOn(r -> r.getLevel() == Level.WARNING).hasSize(1);
        assertThat(log.messages().get(0)).contains("failOpen=true")
            .contains("this JVM's in-memory replay cache only");
      } finally {
        redis.startProcess();
      }
      assertThat(acceptsWithin(cache, 5_000)).isTrue();
    }
  }

  @Test
  void aCacheOpenedWhileRedisIsDownConnectsOnceItIsUp() throws Exception {
    redis.stop();
    try (RedisReplayCache cache = RedisReplayCache.open(uri("alice:" + ALICE_PW, 0, "?timeout=50"))) {
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> cache.checkAndInsert(freshKey(), Instant.now().plusSeconds(60)))
          .isInstanceOf(ReplayCacheUnavailableException.class);
      assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(50 + 150);
      redis.startProcess();
      assertThat(acceptsWithin(cache, 5_000)).isTrue();
    } finally {
      if (!redisUp()) {
        redis.startProcess();
      }
    }
  }

  /** A private cache on {@code uri}, connected and warmed up. */
  private static RedisReplayCache ready(String uri) throws InterruptedException {
    RedisReplayCache cache = RedisReplayCache.open(uri);
    assertThat(cache.awaitAvailable(java.time.Duration.ofSeconds(10))).isTrue();
    return cache;
  }

  private static boolean redisUp() {
    try {
      redis.command("PING");
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** True once a fresh key is accepted, polling until {@code millis} have passed. */
  private static boolean acceptsWithin(RedisReplayCache cache, long millis) throws Exception {
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() < deadline) {
      try {
        return cache.checkAndInsert(freshKey(), Instant.now().plusSeconds(60));
      } catch (ReplayCacheUnavailableException e) {
        Thread.sleep(50);
      }
    }
    return false;
  }

  /** {@code threads} threads each run {@code task} {@code rounds} times; all results. */
  private static List<Long> concurrently(int threads, int rounds, Callable<Long> task)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Long>> futures = new ArrayList<>();
      for (int i = 0; i < threads * rounds; i++) {
        futures.add(pool.submit(task));
      }
      List<Long> results = new ArrayList<>();
      for (Future<Long> f : futures) {
        results.add(f.get(10, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(2, TimeUnit.SECONDS)).isTrue();
    }
  }

  /** One command as the admin (default user) in database {@code db}; the reply's first line. */
  private static String admin(int db, String... words) throws Exception {
    return redis.commandAuthed(ADMIN_PW, db, words);
  }
}
