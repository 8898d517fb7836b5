package dev.krb5gss.replay;

import dev.krb5gss.testkit.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.name.PrincipalName;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The in-memory replay cache (RFC 4120 §3.2.3): atomic, bounded, expiring by an injected clock. */
class InMemoryReplayCacheTest {
  private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
  private static final PrincipalName ALICE = PrincipalName.parse("alice@R", "");
  private static final PrincipalName BOB = PrincipalName.parse("bob@R", "");
  private static final PrincipalName HTTP = PrincipalName.parse("HTTP/h@R", "");

  private final MutableClock clock = new MutableClock(T0);

  private static ReplayKey key(PrincipalName client, Instant ctime, int cusec, String cipher) {
    return ReplayKey.of(client, ctime, cusec, cipher.getBytes());
  }

  @Test
  void theSameAuthenticatorIsAcceptedOnce() throws Exception {
    InMemoryReplayCache cache = new InMemoryReplayCache(clock, 10, 10);
    ReplayKey k = key(ALICE, T0, 5, "ct");
    assertThat(cache.checkAndInsert(k, T0.plusSeconds(600))).isTrue();
    assertThat(cache.checkAndInsert(key(ALICE, T0, 5, "ct"), T0.plusSeconds(600))).isFalse();
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void everyPartOfTheKeyDistinguishesEntries() throws Exception {
    InMemoryReplayCache cache = new InMemoryReplayCache(clock, 10, 10);
    Instant exp = T0.plusSeconds(600);
    assertThat(cache.checkAndInsert(key(ALICE, T0, 5, "ct"), exp)).isTrue();
    assertThat(cache.checkAndInsert(key(BOB, T0, 5, "ct"), exp)).isTrue();
    assertThat(cache.checkAndInsert(key(ALICE, T0.plusSeconds(1), 5, "ct"), exp)).isTrue();
    assertThat(cache.checkAndInsert(key(ALICE, T0, 6, "ct"), exp)).isTrue();
    // Same client, time and cusec, other ciphertext: two clients behind one NAT/principal.
    assertThat(cache.checkAndInsert(key(ALICE, T0, 5, "other"), exp)).isTrue();
    assertThat(cache.size()).isEqualTo(5);
  }

  @Test
  void theServiceNameIsNotPartOfTheKeyBecauseItIsNotAuthenticated() throws Exception {
    InMemoryReplayCache cache = new InMemoryReplayCache(clock, 10, 10);
    Instant exp = T0.plusSeconds(600);
    @SuppressWarnings("deprecation")
    ReplayKey forHttp = ReplayKey.of(ALICE, HTTP, T0, 5, "ct".getBytes());
    @SuppressWarnings("deprecation")
    ReplayKey forImap = ReplayKey.of(ALICE, PrincipalName.parse("imap/h@R", ""), T0, 5,
        "ct".getBytes());
    assertThat(forHttp.digest()).isEqualTo(forImap.digest());
    assertThat(cache.checkAndInsert(forHttp, exp)).isTrue();
    assertThat(cache.checkAndInsert(forImap, exp)).isFalse();
  }

  @Test
  void oneClientCannotTakeMoreThanItsShareAndOthersAreStillServed() throws Exception {
    InMemoryReplayCache cache = new InMemoryReplayCache(clock, 10, 3);
    Instant exp = T0.plusSeconds(600);
    for (int i = 0; i < 3; i++) {
      assertThat(cache.checkAndInsert(key(ALICE, T0, i, "ct"), exp)).isTrue();
    }
    assertThatThrownBy(() -> cache.checkAndInsert(key(ALICE, T0, 3, "ct"), exp))
        .isInstanceOf(ReplayCacheFullException.class)
        .hasMessageContaining("alice@R").hasMessageContaining("share of 3")
        .hasMessageContaining("other clients are still served");
    assertThat(cache.checkAndInsert(key(BOB, T0, 0, "ct"), exp)).isTrue();
    // a replay of one of alice's is still reported as a replay, not as a full share
    assertThat(cache.checkAndInsert(key(ALICE, T0, 0, "ct"), exp)).isFalse();
    assertThat(cache.size()).isEqualTo(4);
  }

  @Test
  void aClientShareIsFreedWhenItsEntriesExpire() throws Exception {
    InMemoryReplayCache cache = new InMemoryReplayCache(clock, 10, 2);
    assertThat(cache.checkAndInsert(key(ALICE, T0, 0, "ct"), T0.plusSeconds(60))).isTrue();
    assertThat(cache.checkAndInsert(key(ALICE, T0, 1, "ct"), T0.plusSeconds(600))).isTrue();
    assertThatThrownBy(() -> cache.checkAndInsert(key(ALICE, T0, 2, "ct"), T0.plusSeconds(600)))
        .isInstanceOf(ReplayCacheFullException.class);
    clock.advance(Duration.ofSeconds(61));
    assertThat(cache.checkAndInsert(key(ALICE, T0, 2, "ct"), T0.plusSeconds(600))).isTrue();
    assertThatThrownBy(() -> cache.checkAndInsert(key(ALICE, T0, 3, "ct"), T0.plusSeconds(600)))
        .isInstanceOf(ReplayCacheFullException.class);
  }

  @Test
  void anExpiredEntryReplacedInPlaceStaysCountedOnce() throws Exception {
    InMemoryReplayCache cache = new InMemoryReplayCache(clock, 10, 1);
    ReplayKey k = key(ALICE, T0, 0, "ct");
    assertThat(cache.checkAndInsert(k, T0.plusSeconds(60))).isTrue();
    clock.advance(Duration.ofSeconds(61));
    assertThat(cache.checkAndInsert(k, T0.plusSeconds(600))).isTrue();
    assertThatThrownBy(() -> cache.checkAndInsert(key(ALICE, T0, 1, "ct"), T0.plusSeconds(600)))
        .isInstanceOf(ReplayCacheFullException.class);
    assertThat(cache.checkAndInsert(key(BOB, T0, 0, "ct"), T0.plusSeconds(600))).isTrue();
  }

  @Test
  void theShareMustBePositiveAndAtMostTheMaximum() {
    assertThatThrownBy(() -> new InMemoryReplayCache(clock, 10, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPerClient");
    assertThatThrownBy(() -> new InMemoryReplayCache(clock, 10, 11))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPerClient");
    assertThat(new InMemoryReplayCache(clock, 1000).maxPerClient()).isEqualTo(100);
  }

  @Test
  void anExpiredEntryNoLongerCounts() throws Exception {
    InMemoryReplayCache cache = new InMemoryReplayCache(clock, 10, 10);
    ReplayKey k = key(ALICE, T0, 5, "ct");
    assertThat(cache.checkAndInsert(k, T0.plusSeconds(600))).isTrue();
    clock.advance(Duration.ofSeconds(599));
    assertThat(cache.checkAndInsert(k, T0.plusSeconds(1200))).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(cache.checkAndInsert(k, T0.plusSeconds(1200))).isTrue();
  }

  @Test
  void aFullCacheSweepsExpiredEntriesThenRefusesRatherThanForgets() throws Exception {
    InMemoryReplayCache cache = new InMemoryReplayCache(clock, 3, 3);
    for (int i = 0; i < 3; i++) {
      assertThat(cache.checkAndInsert(key(ALICE, T0, i, "ct"), T0.plusSeconds(60 + i))).isTrue();
    }
    assertThatThrownBy(() -> cache.checkAndInsert(key(ALICE, T0, 9, "ct"), T0.plusSeconds(60)))
        .isInstanceOf(ReplayCacheFullException.class).hasMessageContaining("maximum 3");
    // The live entries are still remembered: nothing was silently forgotten.
    assertThat(cache.checkAndInsert(key(ALICE, T0, 0, "ct"), T0.plusSeconds(60))).isFalse();
    clock.advance(Duration.ofSeconds(61));
    assertThat(cache.checkAndInsert(key(ALICE, T0, 9, "ct"), T0.plusSeconds(200))).isTrue();
    assertThat(cache.size()).isEqualTo(2);
  }

  @Test
  void sweepExpiredRemovesOnlyExpiredEntries() throws Exception {
    InMemoryReplayCache cache = new InMemoryReplayCache(clock, 100, 100);
    for (int i = 0; i < 10; i++) {
      cache.checkAndInsert(key(ALICE, T0, i, "ct"), T0.plusSeconds(i < 4 ? 10 : 100));
    }
    clock.advance(Duration.ofSeconds(10));
    assertThat(cache.sweepExpired()).isEqualTo(4);
    assertThat(cache.size()).isEqualTo(6);
  }

  @Test
  void concurrentInsertsOfOneKeySucceedExactlyOnce() throws Exception {
    InMemoryReplayCache cache = new InMemoryReplayCache(clock, 1_000_000, 1_000_000);
    int threads = 16;
    int keys = 2_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      results.add(pool.submit(() -> {
        start.await();
        int wins = 0;
        for (int i = 0; i < keys; i++) {
          if (cache.checkAndInsert(key(ALICE, T0, i, "ct"), T0.plusSeconds(600))) {
            wins++;
          }
        }
        return wins;
      }));
    }
    start.countDown();
    int total = 0;
    for (Future<Integer> f : results) {
      total += f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(total).isEqualTo(keys);
    assertThat(cache.size()).isEqualTo(keys);
  }

  @Test
  void agreesWithAMapModelUnderRandomInsertsExpiriesAndSweeps() throws Exception {
    // Few distinct keys (so replays and expired renewals are frequent), short expiries and a
    // moving clock: every answer and the size after each sweep must be the model's.
    InMemoryReplayCache cache = new InMemoryReplayCache(clock, 1_000_000, 1_000_000);
    java.util.Random random = new java.util.Random(20261207);
    java.util.Map<Integer, Instant> model = new java.util.HashMap<>();
    for (int step = 0; step < 200_000; step++) {
      int k = random.nextInt(3_000);
      Instant now = clock.instant();
      Instant exp = now.plusMillis(1 + random.nextInt(5_000));
      Instant held = model.get(k);
      boolean fresh = held == null || !held.isAfter(now);
      assertThat(cache.checkAndInsert(key(k % 7 == 0 ? BOB : ALICE, T0, k, "ct"), exp))
          .as("step %d key %d", step, k).isEqualTo(fresh);
      if (fresh) {
        model.put(k, exp);
      }
      clock.advance(Duration.ofMillis(random.nextInt(3)));
      if (step % 20_000 == 19_999) {
        cache.sweepExpired();
        Instant t = clock.instant();
        model.values().removeIf(e -> !e.isAfter(t));
        assertThat(cache.size()).as("size after sweep at step %d", step).isEqualTo(model.size());
      }
    }
  }

  @Test
  void expiredSlotsAreReusedSoTheTableDoesNotGrowWithTime() throws Exception {
    InMemoryReplayCache cache = new InMemoryReplayCache(clock, 1_000_000, 1_000_000);
    int n = 20_000;
    for (int round = 0; round < 10; round++) {
      for (int i = 0; i < n; i++) {
        assertThat(cache.checkAndInsert(key(ALICE, T0, round * n + i, "ct"),
            clock.instant().plusSeconds(10))).isTrue();
      }
      clock.advance(Duration.ofSeconds(11));
    }
    // Ten rounds of 20,000, each expired before the next: never more than two rounds held.
    assertThat(cache.size()).isLessThanOrEqualTo(2 * n);
    int held = cache.size();
    assertThat(cache.sweepExpired()).isEqualTo(held);
    assertThat(cache.size()).isZero();
  }

  @Test
  void recordingAnAuthenticatorInAGrownTableAllocatesNothing() throws Exception {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    InMemoryReplayCache cache = new InMemoryReplayCache(clock, 1_000_000, 1_000_000);
    int n = 40_000;
    ReplayKey[] keys = new ReplayKey[2 * n];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = key(ALICE, T0, i, "ct");
    }
    Instant soon = T0.plusSeconds(1);
    for (int i = 0; i < n; i++) {
      cache.checkAndInsert(keys[i], soon);
    }
    clock.advance(Duration.ofSeconds(2));
    cache.sweepExpired();
    Instant later = T0.plusSeconds(600);
    long tid = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(tid);
    for (int i = n; i < 2 * n; i++) {
      cache.checkAndInsert(keys[i], later);
    }
    long allocated = threads.getThreadAllocatedBytes(tid) - before;
    assertThat(cache.size()).isEqualTo(n);
    // One share object (the client's was dropped when its entries expired) and its map node.
    assertThat(allocated).as("bytes allocated by %d inserts", n).isLessThan(1_000);
  }

  @Test
  void clearForgetsEntriesAndShares() throws Exception {
    InMemoryReplayCache cache = new InMemoryReplayCache(clock, 100, 1);
    ReplayKey k = key(ALICE, T0, 0, "ct");
    assertThat(cache.checkAndInsert(k, T0.plusSeconds(600))).isTrue();
    cache.clear();
    assertThat(cache.size()).isZero();
    assertThat(cache.checkAndInsert(k, T0.plusSeconds(600))).isTrue();
    assertThat(cache.checkAndInsert(k, T0.plusSeconds(600))).isFalse();
  }

  @Test
  void entriesStayUnder80BytesEach() throws Exception {
    InMemoryReplayCache cache = new InMemoryReplayCache(clock, 1_000_000, 1_000_000);
    Runtime rt = Runtime.getRuntime();
    long before = usedAfterGc(rt);
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      cache.checkAndInsert(key(ALICE, T0.plusSeconds(i / 1_000_000), i, "ct"),
          T0.plusSeconds(600));
    }
    long after = usedAfterGc(rt);
    assertThat(cache.size()).isEqualTo(n);
    assertThat((after - before) / n).as("bytes per entry").isLessThan(80);
  }

  @Test
  void maxEntriesMustBePositive() {
    assertThatThrownBy(() -> new InMemoryReplayCache(clock, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
  }

  @Test
  void theKeyDigestIsStableAndItsTextHasNoCiphertext() {
    ReplayKey a = key(ALICE, T0, 5, "ct");
    ReplayKey b = key(ALICE, T0, 5, "ct");
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.digest()).hasSize(32).isEqualTo(b.digest());
    assertThat(a.authenticatorHash()).hasSize(32);
    assertThat(a.toString()).contains("alice@R").doesNotContain("ct");
    // Pinned: the digest is a shared cache's key (Redis), so nodes of two versions must agree.
    assertThat(java.util.HexFormat.of().formatHex(a.digest()))
        .isEqualTo("4067c2602c68b09c1934b5d0d32bb7a17e453639a33a29cfa9a430dca6a58ca4");
  }

  @Test
  void theDigestEncodesNamesAsUtf8WithTheirByteLengthAsciiOrNot() throws Exception {
    // The ASCII fast path and the general path must put the same bytes into the digest.
    for (String text : new String[] {"alice@R", "j\u00f6rg@R", "x".repeat(300) + "@R"}) {
      PrincipalName name = PrincipalName.parse(text, "");
      ReplayKey k = key(name, T0, 7, "ct");
      byte[] utf8 = name.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      java.nio.ByteBuffer in = java.nio.ByteBuffer.allocate(4 + utf8.length + 12 + 32);
      in.putInt(utf8.length).put(utf8).putLong(T0.getEpochSecond()).putInt(7)
          .put(k.authenticatorHash());
      byte[] expected = java.security.MessageDigest.getInstance("SHA-256").digest(in.array());
      assertThat(k.digest()).as(text).isEqualTo(expected);
    }
  }

  private static long usedAfterGc(Runtime rt) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
