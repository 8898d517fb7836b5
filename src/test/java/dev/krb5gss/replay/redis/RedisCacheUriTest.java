package dev.krb5gss.replay.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.replay.ReplayCaches;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replay cache URIs: the forms Lettuce supports, our options, and credentials never shown. */
class RedisCacheUriTest {

  @Test
  void standaloneWithAclUserPasswordDatabaseAndOptions() {
    RedisCacheUri uri = RedisCacheUri.parse(
        "redis://alice:s3cret-pw@cache.example.com:6380/3?timeout=75&failOpen=true&clientName=web1");
    assertThat(uri.timeout()).isEqualTo(Duration.ofMillis(75));
    assertThat(uri.failOpen()).isTrue();
    assertThat(uri.isCluster()).isFalse();
    assertThat(uri.display()).isEqualTo("redis://cache.example.com:6380/3");
    assertThat(uri.toString()).doesNotContain("s3cret", "alice");
    RedisURI lettuce = uri.lettuceUris().get(0);
    assertThat(lettuce.getHost()).isEqualTo("cache.example.com");
    assertThat(lettuce.getPort()).isEqualTo(6380);
    assertThat(lettuce.getDatabase()).isEqualTo(3);
    RedisCredentials credentials = lettuce.getCredentialsProvider().resolveCredentials().block();
    assertThat(credentials.getUsername()).isEqualTo("alice");
    assertThat(new String(credentials.getPassword())).isEqualTo("s3cret-pw");
    assertThat(lettuce.getClientName()).isEqualTo("web1");
  }

  @Test
  void defaultsAreFailClosedWithFiftyMilliseconds() {
    RedisCacheUri uri = RedisCacheUri.parse("redis://127.0.0.1:6379/0");
    assertThat(uri.timeout()).isEqualTo(Duration.ofMillis(50));
    assertThat(uri.failOpen()).isFalse();
    assertThat(RedisCacheUri.parse("redis://h?timeout=2s").timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(RedisCacheUri.parse("redis://h?timeout=20ms").timeout()).isEqualTo(Duration.ofMillis(20));
  }

  @Test
  void tlsAndSentinel() {
    assertThat(RedisCacheUri.parse("rediss://:pw123@h:6390").lettuceUris().get(0).isSsl()).isTrue();
    RedisURI sentinel = RedisCacheUri.parse(
        "redis-sentinel://:pw123@s1:26379,s2:26379/2?sentinelMasterId=mymaster").lettuceUris().get(0);
    assertThat(sentinel.getSentinels()).hasSize(2);
    assertThat(sentinel.getSentinelMasterId()).isEqualTo("mymaster");
    assertThat(sentinel.getDatabase()).isEqualTo(2);
  }

  @Test
  void clusterSeedNodesEachGetTheCredentials() {
    RedisCacheUri uri = RedisCacheUri.parse("redis-cluster://bob:pw456@n1:7000,n2:7001,n3?timeout=30");
    assertThat(uri.isCluster()).isTrue();
    List<RedisURI> seeds = uri.lettuceUris();
    assertThat(seeds).extracting(RedisURI::getHost).containsExactly("n1", "n2", "n3");
    assertThat(seeds).extracting(RedisURI::getPort).containsExactly(7000, 7001, 6379);
    assertThat(seeds).allSatisfy(s -> assertThat(
        s.getCredentialsProvider().resolveCredentials().block().getUsername()).isEqualTo("bob"));
    assertThat(uri.display()).isEqualTo("redis-cluster://n1:7000,n2:7001,n3");
    assertThat(RedisCacheUri.parse("rediss-cluster://n1").lettuceUris().get(0).isSsl()).isTrue();
  }

  @Test
  void malformedUrisAreRefusedWithoutQuotingCredentials() {
    assertThatThrownBy(() -> RedisCacheUri.parse("redis://u:topsecret@h/0?timeout=0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected timeout= a duration in (0, 60 s]")
        .hasMessageContaining("got '0'").hasMessageNotContaining("topsecret");
    assertThatThrownBy(() -> RedisCacheUri.parse("redis://u:topsecret@h/0?timeout=soon"))
        .hasMessageContaining("got 'soon'").hasMessageNotContaining("topsecret");
    assertThatThrownBy(() -> RedisCacheUri.parse("redis://u:topsecret@h/0?failOpen=yes"))
        .hasMessageContaining("expected failOpen=true or failOpen=false")
        .hasMessageNotContaining("topsecret");
    assertThatThrownBy(() -> RedisCacheUri.parse("redis://u:topsecret@h1,h2/0"))
        .hasMessageContaining("several hosts need redis-sentinel:// or redis-cluster://")
        .hasMessageNotContaining("topsecret");
    assertThatThrownBy(() -> RedisCacheUri.parse("redis-cluster://u:topsecret@h1,h2/4"))
        .hasMessageContaining("a Redis Cluster has only database 0")
        .hasMessageNotContaining("topsecret");
    assertThatThrownBy(() -> RedisCacheUri.parse("redis://u:topsecret@h/db1"))
        .hasMessageContaining("expected a database index such as /0")
        .hasMessageNotContaining("topsecret");
    assertThatThrownBy(() -> RedisCacheUri.parse("redis://u:topsecret@/0"))
        .hasMessageContaining("expected host[:port]").hasMessageNotContaining("topsecret");
  }

  @Test
  void replayCachesRoutesByScheme() {
    assertThat(ReplayCaches.fromUri("memory")).isSameAs(ReplayCaches.jvmDefault());
    assertThatThrownBy(() -> ReplayCaches.fromUri("rdis://u:topsecret@h:6379"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got scheme 'rdis'").hasMessageNotContaining("topsecret");
    assertThatThrownBy(() -> ReplayCaches.fromUri("u:topsecret@h:6379"))
        .hasMessageContaining("expected a replay cache URI").hasMessageNotContaining("topsecret");
    assertThatThrownBy(() -> ReplayCaches.validate("redis://u:topsecret@h/0?timeout=-5"))
        .hasMessageContaining("got '-5'").hasMessageNotContaining("topsecret");
  }

  @Test
  void oneSharedCachePerDistinctUri() {
    String uri = "redis://127.0.0.1:1/0?timeout=10";
    assertThat(ReplayCaches.fromUri(uri)).isSameAs(ReplayCaches.fromUri(uri))
        .isNotSameAs(ReplayCaches.fromUri("redis://127.0.0.1:1/1?timeout=10"));
    assertThat(ReplayCaches.fromUri(uri).toString())
        .isEqualTo("RedisReplayCache[redis://127.0.0.1:1/0, timeout 10 ms, fail-closed]");
  }
}
