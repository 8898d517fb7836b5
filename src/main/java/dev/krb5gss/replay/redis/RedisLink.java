package dev.krb5gss.replay.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.async.RedisStringAsyncCommands;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One client and one connection to a Redis deployment, opened lazily and without blocking a
 * caller beyond its deadline: the first caller starts an asynchronous connect, every caller
 * waits for it at most until its own deadline, and a failed connect is retried at most once per
 * {@link #RETRY_NANOS}. Once connected, Lettuce reconnects by itself after an outage; while
 * disconnected it rejects commands at once ({@code REJECT_COMMANDS}) and it never queues more
 * than {@link #REQUEST_QUEUE} commands, so a dead or slow server cannot make memory or latency
 * grow without bound.
 */
abstract class RedisLink implements AutoCloseable {
  static final int REQUEST_QUEUE = 10_000;
  static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
  /** Until the first connection is up, a caller may wait this long for it (start-up only). */
  static final long FIRST_CONNECT_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final RedisCacheUri uri;
  private volatile RedisStringAsyncCommands<byte[], byte[]> commands;
  private volatile StatefulConnection<byte[], byte[]> connection;
  private CompletableFuture<? extends StatefulConnection<byte[], byte[]>> connecting;
  private long connectStarted;
  private volatile boolean closed;
  private volatile boolean everConnected;

  RedisLink(RedisCacheUri uri) {
    this.uri = uri;
  }

  /** A standalone or Sentinel deployment ({@code RedisClient}), or a Cluster. */
  static RedisLink open(RedisCacheUri uri) {
    return uri.isCluster() ? new ClusterLink(uri) : new StandaloneLink(uri);
  }

  /** The options every connection uses (the Cluster's extend them). */
  static <B extends ClientOptions.Builder> B configure(B builder) {
    builder.autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .requestQueueSize(REQUEST_QUEUE)
        // Each check enforces its own timeout and cancels its command; Lettuce's per-command
        // timer would only add a timer task per command (measurable CPU at thousands a second).
        .timeoutOptions(TimeoutOptions.builder().timeoutCommands(false).build())
        .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2))
            .keepAlive(true).build());
    return builder;
  }

  /** Starts connecting (asynchronously) with the client. */
  abstract CompletableFuture<? extends StatefulConnection<byte[], byte[]>> connectAsync();

  /** The string commands of an open connection. */
  abstract RedisStringAsyncCommands<byte[], byte[]> commandsOf(
      StatefulConnection<byte[], byte[]> connection);

  abstract AbstractRedisClient client();

  /**
   * The commands of the connection, waiting for a connect at most until {@code deadline}
   * ({@link System#nanoTime()}), or, before the first connection ever succeeded, for up to
   * {@link #FIRST_CONNECT_NANOS} (so the first tokens after start-up are not refused while the
   * connection is being set up; a refused connection fails at once all the same).
   *
   * @throws TimeoutException if the connect has not finished by then
   * @throws ExecutionException if it failed (retried by a later call after {@link #RETRY_NANOS})
   */
  RedisStringAsyncCommands<byte[], byte[]> commands(long deadline)
      throws TimeoutException, ExecutionException, InterruptedException {
    RedisStringAsyncCommands<byte[], byte[]> c = commands;
    if (c != null) {
      return c;
    }
    CompletableFuture<? extends StatefulConnection<byte[], byte[]>> pending = connecting();
    long wait = deadline - System.nanoTime();
    pending.get(Math.max(everConnected ? 0 : FIRST_CONNECT_NANOS, wait), TimeUnit.NANOSECONDS);
    c = commands;
    if (c == null) {
      throw new ExecutionException(new IllegalStateException("the replay cache was closed"));
    }
    return c;
  }

  /** Starts connecting now (asynchronously), so the first check finds the connection ready. */
  void startConnecting() {
    connecting();
  }

  private synchronized CompletableFuture<? extends StatefulConnection<byte[], byte[]>> connecting() {
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("closed"));
    }
    long now = System.nanoTime();
    if (connecting == null
        || (connecting.isCompletedExceptionally() && now - connectStarted >= RETRY_NANOS)) {
      connectStarted = now;
      CompletableFuture<? extends StatefulConnection<byte[], byte[]>> started;
      try {
        started = connectAsync();
      } catch (RuntimeException e) {
        started = CompletableFuture.failedFuture(e);
      }
      connecting = started.whenComplete((conn, failure) -> {
        if (conn != null) {
          connected(conn);
        }
      });
    }
    return connecting;
  }

  private synchronized void connected(StatefulConnection<byte[], byte[]> conn) {
    if (closed) {
      conn.closeAsync();
      return;
    }
    connection = conn;
    commands = commandsOf(conn);
    everConnected = true;
  }

  RedisCacheUri uri() {
    return uri;
  }

  /** Closes the connection and shuts the client down (the shared event loops stay). */
  @Override
  public void close() {
    StatefulConnection<byte[], byte[]> conn;
    synchronized (this) {
      closed = true;
      conn = connection;
      connection = null;
      commands = null;
    }
    if (conn != null) {
      conn.close();
    }
    client().shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }

  @Override
  public String toString() {
    return uri.display();
  }
}
