package dev.krb5gss.replay.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.async.RedisStringAsyncCommands;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.ByteArrayCodec;
import java.util.ArrayList;
import java.util.List;
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

  /**
   * The topology first (Lettuce's asynchronous connect needs it loaded), then the connection and
   * one connection per master: node connections are otherwise opened by the first command routed
   * to them, which {@code REJECT_COMMANDS} would refuse while it connects.
   */
  @Override
  CompletableFuture<StatefulRedisClusterConnection<byte[], byte[]>> connectAsync() {
    return client.refreshPartitionsAsync().toCompletableFuture()
        .thenCompose(loaded -> client.connectAsync(ByteArrayCodec.INSTANCE))
        .thenCompose(ClusterLink::withMasterConnections);
  }

  private static CompletableFuture<StatefulRedisClusterConnection<byte[], byte[]>>
      withMasterConnections(StatefulRedisClusterConnection<byte[], byte[]> connection) {
    List<CompletableFuture<?>> nodes = new ArrayList<>();
    for (RedisClusterNode node : connection.getPartitions()) {
      if (node.getRole().isUpstream()) {
        nodes.add(connection.getConnectionAsync(node.getUri().getHost(), node.getUri().getPort()));
      }
    }
    return CompletableFuture.allOf(nodes.toArray(new CompletableFuture<?>[0]))
        .thenApply(all -> connection);
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
