package dev.krb5gss.replay.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisStringAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.util.concurrent.CompletableFuture;

/** A standalone Redis (or Valkey), or a master found through Sentinel: one {@link RedisClient}. */
final class StandaloneLink extends RedisLink {
  private final RedisURI target;
  private final RedisClient client;

  StandaloneLink(RedisCacheUri uri) {
    super(uri);
    this.target = uri.lettuceUris().get(0);
    this.client = RedisClient.create(SharedResources.get(), target);
    client.setOptions(configure(ClientOptions.builder()).build());
  }

  @Override
  CompletableFuture<StatefulRedisConnection<byte[], byte[]>> connectAsync() {
    return client.connectAsync(ByteArrayCodec.INSTANCE, target).toCompletableFuture();
  }

  @Override
  @SuppressWarnings("unchecked")
  RedisStringAsyncCommands<byte[], byte[]> commandsOf(StatefulConnection<byte[], byte[]> c) {
    return ((StatefulRedisConnection<byte[], byte[]>) c).async();
  }

  @Override
  AbstractRedisClient client() {
    return client;
  }
}
