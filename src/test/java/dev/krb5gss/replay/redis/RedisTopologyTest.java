package dev.krb5gss.replay.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.name.PrincipalName;
import dev.krb5gss.replay.ReplayKey;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The two other deployments Lettuce supports, run for real: a three-master Redis Cluster
 * ({@code redis-cluster://} seed nodes, keys spread over the masters by slot) and a master found
 * through Sentinel ({@code redis-sentinel://…?sentinelMasterId=}).
 */
@RequiresRedis
class RedisTopologyTest {
  private static final PrincipalName ALICE = PrincipalName.parse("alice@EXAMPLE.COM", "");
  private static final PrincipalName WEB = PrincipalName.parse("HTTP/web@EXAMPLE.COM", "");

  private static final Instant T0 = Instant.now();

  private static ReplayKey key(int n) {
    return ReplayKey.of(ALICE, WEB, T0, n, ("t" + n).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aRedisClusterSpreadsTheEntriesOverItsMastersAndCatchesEveryReplay() throws Exception {
    List<RedisServer> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        // The bus port defaults to port + 10000, which may not exist for a high free port.
        nodes.add(RedisServer.start("--cluster-enabled", "yes", "--cluster-node-timeout", "2000",
            "--cluster-port", String.valueOf(RedisServer.freePort())));
      }
      List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
      nodes.forEach(n -> create.add("127.0.0.1:" + n.port()));
      create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
      assertThat(run(create)).contains("[OK] All 16384 slots covered");
      awaitOutput(List.of("redis-cli", "-p", String.valueOf(nodes.get(0).port()), "cluster",
          "info"), "cluster_state:ok");

      String seeds = "127.0.0.1:" + nodes.get(0).port() + ",127.0.0.1:" + nodes.get(1).port();
      try (RedisReplayCache cache = RedisReplayCache.open("redis-cluster://" + seeds
          + "?timeout=500")) {
        assertThat(cache.awaitAvailable(Duration.ofSeconds(10))).isTrue();
        for (int i = 0; i < 60; i++) {
          assertThat(cache.checkAndInsert(key(i), Instant.now().plusSeconds(60))).isTrue();
        }
        for (int i = 0; i < 60; i++) {
          assertThat(cache.checkAndInsert(key(i), Instant.now().plusSeconds(60))).isFalse();
        }
      }
      long total = 0;
      for (RedisServer n : nodes) {
        long keys = n.dbSize();
        assertThat(keys).as("entries on the master at port %d", n.port()).isPositive();
        total += keys;
      }
      assertThat(total).isBetween(60L, 61L); // plus at most the warm-up key
    } finally {
      for (RedisServer n : nodes) {
        n.close();
      }
    }
  }

  @Test
  void aMasterFoundThroughSentinel() throws Exception {
    try (RedisServer master = RedisServer.start()) {
      Path dir = Files.createTempDirectory("krb5gss-sentinel");
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      Path conf = dir.resolve("sentinel.conf");
      Files.writeString(conf, "port " + port + "\nbind 127.0.0.1\ndir " + dir + "\n"
          + "sentinel monitor mymaster 127.0.0.1 " + master.port() + " 1\n");
      Process sentinel = new ProcessBuilder("redis-server", conf.toString(), "--sentinel")
          .redirectErrorStream(true).redirectOutput(dir.resolve("sentinel.log").toFile()).start();
      try {
        awaitOutput(List.of("redis-cli", "-p", String.valueOf(port), "sentinel",
            "get-master-addr-by-name", "mymaster"), String.valueOf(master.port()));
        try (RedisReplayCache cache = RedisReplayCache.open("redis-sentinel://127.0.0.1:" + port
            + "/2?sentinelMasterId=mymaster&timeout=500")) {
          assertThat(cache.awaitAvailable(Duration.ofSeconds(10))).isTrue();
          assertThat(cache.checkAndInsert(key(1), Instant.now().plusSeconds(60))).isTrue();
          assertThat(cache.checkAndInsert(key(1), Instant.now().plusSeconds(60))).isFalse();
        }
        assertThat(master.commandIn(2, "EXISTS",
            new String(RedisReplayCache.redisKey(key(1)), StandardCharsets.US_ASCII)))
            .isEqualTo(":1");
      } finally {
        sentinel.destroy();
        sentinel.waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  private static String run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  private static void awaitOutput(List<String> cmd, String expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    String out = run(cmd);
    while (!out.contains(expected) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      out = run(cmd);
    }
    assertThat(out).contains(expected);
  }
}
