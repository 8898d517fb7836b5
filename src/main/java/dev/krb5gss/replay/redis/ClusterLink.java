package dev.krb5gss.replay.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.async.RedisStringAsyncCommands;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.util.concurrent.CompletableFuture;

/**
 * A Redis Cluster from its seed nodes: one {@link RedisClusterClient}, which routes each key to
 * the node owning its slot and follows topology changes (adaptive refresh on MOVED/ASK and
 * reconnects).
 */
final class ClusterLink extends RedisLink {
  private final RedisClusterClient client;

  ClusterLink(RedisCacheUri uri) {
    super(uri);
    this.client = RedisClusterClient.create(SharedResources.get(), uri.lettuceUris());
    client.setOptions(configure(ClusterClientOptions.builder())
        .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
            .enableAllAdaptiveRefreshTriggers().build())
        .build());
  }

  @Override
  CompletableFuture<StatefulRedisClusterConnection<byte[], byte[]>> connectAsync() {
    return client.connectAsync(ByteArrayCodec.INSTANCE);
  }

  @Override
  @SuppressWarnings("unchecked")
  RedisStringAsyncCommands<byte[], byte[]> commandsOf(StatefulConnection<byte[], byte[]> c) {
    return ((StatefulRedisClusterConnection<byte[], byte[]>) c).async();
  }

  @Override
  AbstractRedisClient client() {
    return client;
  }
}
