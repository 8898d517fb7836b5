package dev.krb5gss.bench;

import dev.krb5gss.context.Acceptor;
import dev.krb5gss.replay.ReplayCache;
import dev.krb5gss.replay.ReplayCaches;
import dev.krb5gss.replay.redis.RedisReplayCache;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;

/**
 * The {@code ours-redis} slot: {@link OursAcceptorFactory}'s plain acceptor API with the replay
 * cache shared by a cluster (RFC 4120 section 3.2.3) in Redis, {@link RedisReplayCache} through
 * {@link ReplayCaches#fromUri} (the JVM's one Lettuce client for the URI), from the system
 * property {@value #PROPERTY} that {@code run.sh} sets to the Redis it started. Every
 * {@link #open} empties the bench database ({@code FLUSHDB}), as the other slots start each
 * pass with an empty cache.
 */
public final class OursRedisAcceptorFactory implements BenchAcceptor.Factory {
    static final String PROPERTY = "krb5gss.bench.redis";

    private final String uri = System.getProperty(PROPERTY, "");

    @Override
    public BenchAcceptor open(BenchService service) throws Exception {
        if (uri.isEmpty()) {
            throw new IllegalStateException("set -D" + PROPERTY + "=redis://host:port/db");
        }
        flush();
        ReplayCache cache = ReplayCaches.fromUri(uri);
        if (!((RedisReplayCache) cache).awaitAvailable(Duration.ofSeconds(10))) {
            throw new IllegalStateException(cache + " did not answer within 10 s");
        }
        Acceptor acceptor = Acceptor.builder().keytab(service.keytab()).replayCache(cache).build();
        return OursAcceptorFactory.opened(acceptor);
    }

    /** FLUSHDB on the bench database, through a connection of its own. */
    private void flush() {
        String plain = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        RedisClient client = RedisClient.create(plain);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().flushdb();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
