package dev.krb5gss.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.name.PrincipalName;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Replay caches named by URI (RFC 4120 §3.2.3): {@code memory}, and {@code memory} with other
 * bounds, the way an operator raises one client's share on the provider, JAAS, valve and Spring
 * routes, where no {@code InMemoryReplayCache} constructor is in reach.
 */
class ReplayCachesTest {
  private static final PrincipalName BATCH = PrincipalName.parse("batch@R", "");
  private static final PrincipalName ALICE = PrincipalName.parse("alice@R", "");

  private static ReplayKey key(PrincipalName client, int cusec) {
    return ReplayKey.of(client, Instant.now(), cusec, ("ct" + cusec).getBytes());
  }

  @Test
  void memoryIsTheJvmDefault() {
    assertThat(ReplayCaches.fromUri("memory")).isSameAs(ReplayCaches.jvmDefault());
    assertThat(ReplayCaches.fromUri(" MEMORY ")).isSameAs(ReplayCaches.jvmDefault());
  }

  @Test
  void boundsGiveOneSharedCachePerPairOfBounds() {
    ReplayCache a = ReplayCaches.fromUri("memory?maxEntries=5000&maxPerClient=4000");
    assertThat(ReplayCaches.fromUri("memory?maxPerClient=4000&maxEntries=5000")).isSameAs(a);
    assertThat(a).isNotSameAs(ReplayCaches.jvmDefault());
    assertThat(((InMemoryReplayCache) a).maxPerClient()).isEqualTo(4000);
    assertThat(ReplayCaches.fromUri("memory?maxEntries=5000&maxPerClient=10")).isNotSameAs(a);
  }

  @Test
  void oneOptionAloneKeepsTheOthersDefault() {
    InMemoryReplayCache perClient =
        (InMemoryReplayCache) ReplayCaches.fromUri("memory?maxPerClient=1000000");
    assertThat(perClient.maxPerClient()).isEqualTo(InMemoryReplayCache.DEFAULT_MAX_ENTRIES);
    InMemoryReplayCache small = (InMemoryReplayCache) ReplayCaches.fromUri("memory?maxEntries=50");
    assertThat(small.maxPerClient()).isEqualTo(5);
  }

  @Test
  void theRaisedShareLetsOneClientPastTheDefaultTenthWhileTheTotalStillHolds() throws Exception {
    ReplayCache cache = ReplayCaches.fromUri("memory?maxEntries=20&maxPerClient=15");
    Instant expiry = Instant.now().plusSeconds(600);
    for (int i = 0; i < 15; i++) {
      assertThat(cache.checkAndInsert(key(BATCH, i), expiry)).isTrue();
    }
    assertThatThrownBy(() -> cache.checkAndInsert(key(BATCH, 15), expiry))
        .isInstanceOf(ReplayCacheFullException.class)
        .hasMessageContaining("its share of 15");
    for (int i = 0; i < 5; i++) {
      assertThat(cache.checkAndInsert(key(ALICE, i), expiry)).isTrue();
    }
    assertThatThrownBy(() -> cache.checkAndInsert(key(ALICE, 5), expiry))
        .isInstanceOf(ReplayCacheFullException.class)
        .hasMessageContaining("maximum 20");
  }

  @Test
  void malformedBoundsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> ReplayCaches.fromUri("memory?maxPerClient=0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxPerClient to be a positive integer").hasMessageContaining("'0'");
    assertThatThrownBy(() -> ReplayCaches.fromUri("memory?maxEntries=lots"))
        .hasMessageContaining("maxEntries to be a positive integer");
    assertThatThrownBy(() -> ReplayCaches.fromUri("memory?maxEntries=9999999999"))
        .hasMessageContaining("maxEntries to be a positive integer");
    assertThatThrownBy(() -> ReplayCaches.fromUri("memory?maxEntries=10&maxPerClient=11"))
        .hasMessageContaining("maxPerClient <= maxEntries (10)").hasMessageContaining("got 11");
    assertThatThrownBy(() -> ReplayCaches.fromUri("memory?size=10"))
        .hasMessageContaining("expected the options maxEntries and maxPerClient").hasMessageContaining("'size'");
    assertThatThrownBy(() -> ReplayCaches.fromUri("memory?maxEntries=10&maxEntries=20"))
        .hasMessageContaining("at most once");
    assertThatThrownBy(() -> ReplayCaches.fromUri("memory?"))
        .hasMessageContaining("expected the options");
    assertThatThrownBy(() -> ReplayCaches.validate("memory?maxPerClient=-1"))
        .hasMessageContaining("positive integer");
  }

  @Test
  void validateAcceptsWellFormedBoundsWithoutCreatingACache() {
    ReplayCaches.validate("memory?maxEntries=123457&maxPerClient=7");
    ReplayCaches.validate("memory");
  }
}
