package dev.krb5gss.replay.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.context.Acceptor;
import dev.krb5gss.replay.ReplayCaches;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import dev.krb5gss.web.LogCapture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import javax.security.auth.Subject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two cluster nodes in separate JVMs (this one and a child), one keytab, one Redis (RFC 4120
 * §3.2.3): an authenticator accepted by either node is a replay on both, distinct ones pass on
 * both, eight threads over the two JVMs racing one token accept it exactly once; with Redis
 * stopped, both nodes refuse within the timeout (fail-closed) and recover after a restart; the
 * opt-in fail-open accepts with a warning. Tokens come from the JDK's initiator and Kerby's KDC.
 */
@RequiresRedis
@ExtendWith(KdcExtension.class)
class ClusterReplayTest {
  /**
   * Above the 50 ms default: eight threads doing Kerberos crypto on two cores, JIT still cold,
   * can starve Lettuce's I/O thread for more than 50 ms; the race is about atomicity.
   */
  private static final long TIMEOUT_MS = 250;
  private static RedisServer redis;
  private static String uri;
  private static Subject alice;
  private static String target;
  private static Path keytab;
  private static Acceptor local;
  private static NodeProcess remote;

  @BeforeAll
  static void startNodes(KdcPrincipals names) throws Exception {
    redis = RedisServer.start();
    uri = redis.uri("?timeout=" + TIMEOUT_MS);
    String service = names.addService("HTTP");
    names.addUser("alice", "alice-pw");
    alice = names.kdc().login(names.user("alice"), "alice-pw");
    target = names.hostbased("HTTP");
    keytab = names.keytab(service);
    remote = NodeProcess.start(keytab, uri);
    local = Acceptor.builder().keytab(keytab).replayCache(ReplayCaches.fromUri(uri)).build();
    assertThat(((RedisReplayCache) ReplayCaches.fromUri(uri))
        .awaitAvailable(java.time.Duration.ofSeconds(10))).isTrue();
  }

  @AfterAll
  static void stopNodes() throws Exception {
    try {
      remote.close();
    } finally {
      redis.close();
    }
  }

  private static byte[] freshToken() throws Exception {
    try (JdkInitiator init = JdkInitiator.to(target).start(alice)) {
      return init.firstToken();
    }
  }

  private static String acceptLocally(byte[] token) {
    return ReplayNode.accept(local, token);
  }

  @Test
  void aTokenAcceptedByOneNodeIsAReplayOnEither() throws Exception {
    long keysBefore = redis.dbSize();
    for (int i = 0; i < 10; i++) {
      byte[] token = freshToken();
      boolean localFirst = i % 2 == 0;
      assertThat(localFirst ? acceptLocally(token) : remote.accept(token)).startsWith("OK ");
      assertThat(localFirst ? remote.accept(token) : acceptLocally(token))
          .startsWith("REJECTED REPLAY ");
      assertThat(acceptLocally(token)).startsWith("REJECTED REPLAY ");
      assertThat(remote.accept(token)).startsWith("REJECTED REPLAY ");
    }
    assertThat(redis.dbSize() - keysBefore).isEqualTo(10);
  }

  @Test
  void distinctTokensAreAcceptedByBothNodes() throws Exception {
    for (int i = 0; i < 10; i++) {
      assertThat(acceptLocally(freshToken())).startsWith("OK ");
      assertThat(remote.accept(freshToken())).startsWith("OK ");
    }
  }

  @Test
  void eightThreadsOverTwoJvmsRacingOneTokenAcceptItExactlyOnce() throws Exception {
    ExecutorService pool = Executors.newCachedThreadPool();
    try {
      for (int round = 0; round < 10; round++) {
        byte[] token = freshToken();
        long startAt = System.currentTimeMillis() + 200;
        remote.startRace(4, startAt, token);
        String here = ReplayNode.race(pool, local, 4, startAt, token);
        String there = remote.reply();
        int[] a = counts(here);
        int[] b = counts(there);
        assertThat(a[0] + b[0]).as("acceptances in round %d (%s / %s)", round, here, there)
            .isEqualTo(1);
        assertThat(a[1] + b[1]).as("replays in round %d (%s / %s)", round, here, there)
            .isEqualTo(7);
        assertThat(a[2] + b[2]).as("other outcomes in round %d", round).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static int[] counts(String raced) {
    String[] w = raced.split(" ");
    assertThat(w[0]).isEqualTo("RACED");
    return new int[] {Integer.parseInt(w[1]), Integer.parseInt(w[2]), Integer.parseInt(w[3])};
  }

  @Test
  void redisStoppedMidRunBothNodesFailClosedWithinTheTimeoutThenRecover() throws Exception {
    assertThat(acceptLocally(freshToken())).startsWith("OK ");
    assertThat(remote.accept(freshToken())).startsWith("OK ");
    List<byte[]> tokens = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      tokens.add(freshToken());
    }
    redis.stop();
    try {
      for (byte[] token : tokens) {
        for (String outcome : List.of(acceptLocally(token), remote.accept(token))) {
          assertThat(outcome).startsWith("REJECTED REPLAY_CACHE_UNAVAILABLE ");
          long micros = Long.parseLong(outcome.substring(outcome.lastIndexOf(' ') + 1));
          assertThat(micros).as(outcome).isLessThan((TIMEOUT_MS + 150) * 1000);
        }
      }
    } finally {
      redis.startProcess();
    }
    // Refused tokens were never recorded: once Redis is back, each is accepted exactly once.
    assertThat(eventually(() -> acceptLocally(tokens.get(0)))).startsWith("OK ");
    assertThat(eventually(() -> remote.accept(tokens.get(1)))).startsWith("OK ");
    assertThat(remote.accept(tokens.get(0))).startsWith("REJECTED REPLAY ");
    assertThat(acceptLocally(tokens.get(1))).startsWith("REJECTED REPLAY ");
  }

  @Test
  void failOpenAcceptsDuringAnOutageWithAWarningAndStillCatchesLocalReplays() throws Exception {
    Acceptor failOpen = Acceptor.builder().keytab(keytab)
        .replayCache(ReplayCaches.fromUri(redis.uri("?timeout=" + TIMEOUT_MS + "&failOpen=true")))
        .build();
    assertThat(eventually(() -> ReplayNode.accept(failOpen, freshToken()))).startsWith("OK ");
    byte[] token = freshToken();
    try (LogCapture log = LogCapture.of(RedisReplayCache.class.getName(), Level.WARNING)) {
      redis.stop();
      try {
        assertThat(ReplayNode.accept(failOpen, token)).startsWith("OK ");
        assertThat(ReplayNode.accept(failOpen, token)).startsWith("REJECTED REPLAY ");
        assertThat(acceptLocally(freshToken())).startsWith("REJECTED REPLAY_CACHE_UNAVAILABLE ");
        assertThat(log.messages()).anySatisfy(m -> assertThat(m)
            .contains("replay cache redis://127.0.0.1:" + redis.port() + "/0 unavailable")
            .contains("failOpen=true"));
      } finally {
        redis.startProcess();
      }
    }
    assertThat(eventually(() -> ReplayNode.accept(failOpen, freshToken()))).startsWith("OK ");
  }

  /** The first outcome that is not REPLAY_CACHE_UNAVAILABLE, trying for up to 5 s. */
  private static String eventually(Attempt attempt) throws Exception {
    long deadline = System.nanoTime() + 5_000_000_000L;
    String outcome = attempt.run();
    while (outcome.startsWith("REJECTED REPLAY_CACHE_UNAVAILABLE") && System.nanoTime() < deadline) {
      Thread.sleep(50);
      outcome = attempt.run();
    }
    return outcome;
  }

  private interface Attempt {
    String run() throws Exception;
  }
}
