package dev.krb5gss.replay.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.name.PrincipalName;
import dev.krb5gss.replay.ReplayCacheUnavailableException;
import dev.krb5gss.replay.ReplayKey;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code rediss://} against a redis-server that speaks only TLS: the certificate is verified
 * against the JVM's trust store (this class's JVM trusts the test certificate through
 * {@code javax.net.ssl.trustStore}); plain {@code redis://} to the TLS port fails closed.
 */
@RequiresRedis
class RedisTlsTest {
  private static final PrincipalName ALICE = PrincipalName.parse("alice@EXAMPLE.COM", "");
  private static final PrincipalName WEB = PrincipalName.parse("HTTP/web@EXAMPLE.COM", "");
  private static final Instant T0 = Instant.now();
  private static RedisServer redis;

  @BeforeAll
  static void start() throws Exception {
    redis = RedisServer.startTls();
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream pem = Files.newInputStream(redis.certificatePem())) {
      trust.setCertificateEntry("redis", CertificateFactory.getInstance("X.509")
          .generateCertificate(pem));
    }
    Path store = Files.createTempFile("redis-trust", ".p12");
    try (OutputStream out = Files.newOutputStream(store)) {
      trust.store(out, "changeit".toCharArray());
    }
    System.setProperty("javax.net.ssl.trustStore", store.toString());
    System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
    System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
  }

  @AfterAll
  static void stop() throws Exception {
    redis.close();
  }

  private static ReplayKey key(int n) {
    return ReplayKey.of(ALICE, WEB, T0, n, ("a" + n).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void redissVerifiesTheServerAndDetectsReplays() throws Exception {
    try (RedisReplayCache cache = RedisReplayCache.open(
        "rediss://localhost:" + redis.port() + "/0?timeout=250")) {
      assertThat(cache.awaitAvailable(Duration.ofSeconds(10))).isTrue();
      assertThat(cache.checkAndInsert(key(1), Instant.now().plusSeconds(60))).isTrue();
      assertThat(cache.checkAndInsert(key(1), Instant.now().plusSeconds(60))).isFalse();
      assertThat(cache.displayName()).isEqualTo("rediss://localhost:" + redis.port() + "/0");
    }
  }

  @Test
  void plainRedisToATlsPortFailsClosed() throws Exception {
    try (RedisReplayCache cache = RedisReplayCache.open(
        "redis://127.0.0.1:" + redis.port() + "/0?timeout=100")) {
      assertThat(cache.awaitAvailable(Duration.ofMillis(500))).isFalse();
      assertThatThrownBy(() -> cache.checkAndInsert(key(2), Instant.now().plusSeconds(60)))
          .isInstanceOf(ReplayCacheUnavailableException.class)
          .hasMessageContaining("the shared replay cache redis://127.0.0.1:" + redis.port()
              + "/0 is unavailable");
    }
  }
}
