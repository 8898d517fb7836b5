package dev.krb5gss.replay.redis;

import dev.krb5gss.replay.ReplayCache;
import dev.krb5gss.replay.ReplayCacheFullException;
import dev.krb5gss.replay.ReplayCacheUnavailableException;
import dev.krb5gss.replay.ReplayCaches;
import dev.krb5gss.replay.ReplayKey;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisStringAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A replay cache shared by every node of a cluster (RFC 4120 §3.2.3: servers sharing a service
 * key must share the replay cache, or an authenticator accepted by one node can be replayed to
 * another within the clock skew), kept in Redis or Valkey through Lettuce.
 *
 * <p>Each check-and-insert is one atomic round trip, {@code SET key "" NX PX ttl}: the key is
 * {@value #PREFIX} followed by the unpadded base64url {@link ReplayKey#digest()} (54 bytes), the
 * TTL is the entry's remaining lifetime ({@code expiresAt - now}, at least 1 ms), so Redis
 * forgets the entry when the authenticator could no longer be accepted anyway. A reply of
 * {@code OK} means the key was new; no reply (nil) means a node already accepted it.
 *
 * <p><b>Fail closed.</b> Each command waits at most the URI's {@code timeout} (default 50 ms;
 * until the very first connection is up, a check may wait up to 1 s for it).
 * When Redis is unreachable, refuses the command or does not answer in time, the token is
 * refused with {@link ReplayCacheUnavailableException} (the acceptor's
 * {@code REPLAY_CACHE_UNAVAILABLE}, HTTP 503 in the web adapters), naming the cache (scheme,
 * hosts and database, never credentials) and the cause. With {@code failOpen=true} the token is
 * instead checked against the JVM's in-memory cache ({@link ReplayCaches#jvmDefault()}), which
 * protects this node only. Either way a WARNING is logged when the outage starts and at most once
 * a minute while it lasts, and one INFO line when Redis answers again. Recovery is automatic:
 * Lettuce reconnects (at most 1 s between attempts); while it is disconnected commands are
 * rejected at once, never queued.
 *
 * <p>URIs: see {@link ReplayCaches#fromUri}. {@link #shared} gives the JVM's one instance (one
 * Lettuce client and connection) per distinct URI, closed by a shutdown hook; {@link #open} gives
 * a private one the caller closes.
 *
 * <p>{@link #size()} returns -1: the entries live in Redis, and counting this cache's keys would
 * need a SCAN of the whole keyspace.
 */
public final class RedisReplayCache implements ReplayCache, AutoCloseable {
  /** The namespace of the keys. */
  public static final String PREFIX = "krb5gss:rc:";
  private static final byte[] PREFIX_BYTES = PREFIX.getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EMPTY = new byte[0];
  private static final byte[] WARMUP_KEY = (PREFIX + "warmup").getBytes(StandardCharsets.US_ASCII);
  private static final Base64.Encoder KEY_ENCODING = Base64.getUrlEncoder().withoutPadding();

  private final RedisCacheUri uri;
  private final RedisLink link;
  private final Clock clock;
  private final long timeoutNanos;
  private final OutageLog outage;
  private final boolean shared;

  private RedisReplayCache(RedisCacheUri uri, RedisLink link, Clock clock, boolean shared) {
    this.uri = uri;
    this.link = link;
    this.clock = clock;
    this.timeoutNanos = uri.timeout().toNanos();
    this.outage = new OutageLog(uri.display(), System::nanoTime);
    this.shared = shared;
  }

  /**
   * The JVM's cache for {@code uri}: one Lettuce client and connection per distinct URI, shared by
   * every acceptor, closed at JVM shutdown ({@link #close()} does nothing on it).
   *
   * @throws IllegalArgumentException for a malformed URI (the message never quotes credentials)
   */
  public static RedisReplayCache shared(String uri) {
    return SharedResources.cache(uri);
  }

  /**
   * A cache of its own on {@code uri}; the caller closes it. It starts connecting in the
   * background and returns at once: a Redis that is down at start-up does not make this fail
   * (checks fail closed until it is up).
   *
   * @throws IllegalArgumentException for a malformed URI (the message never quotes credentials)
   */
  public static RedisReplayCache open(String uri) {
    RedisCacheUri parsed = RedisCacheUri.parse(uri);
    RedisLink link = RedisLink.open(parsed);
    link.startConnecting();
    return new RedisReplayCache(parsed, link, Clock.systemUTC(), false);
  }

  /**
   * Waits until Redis answers (at most {@code max}): connects if needed and runs one harmless
   * {@code SET} on the key {@value #PREFIX}{@code warmup} (PX 1), so the first token after
   * start-up does not pay for the connection and class loading within its {@link #timeout()}.
   * For start-up code that prefers to wait for Redis; checks never need it.
   *
   * @return whether Redis answered in time
   */
  public boolean awaitAvailable(Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (true) {
      try {
        link.commands(deadline).set(WARMUP_KEY, EMPTY, SetArgs.Builder.px(1))
            .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        outage.success();
        return true;
      } catch (TimeoutException | ExecutionException | RuntimeException e) {
        if (System.nanoTime() - deadline >= 0) {
          return false;
        }
        Thread.sleep(20);
      }
    }
  }

  RedisReplayCache sharedInstance() {
    return new RedisReplayCache(uri, link, clock, true);
  }

  /** Checks the URI without connecting; for configuration checks at start-up. */
  public static void validate(String uri) {
    RedisCacheUri.parse(uri);
  }

  /** The cache as logs may show it: scheme, hosts and database (no credentials, no options). */
  public String displayName() {
    return uri.display();
  }

  /** Whether unavailability falls back to the JVM's in-memory cache ({@code failOpen=true}). */
  public boolean failsOpen() {
    return uri.failOpen();
  }

  /** The bound on one check-and-insert. */
  public Duration timeout() {
    return uri.timeout();
  }

  @Override
  public boolean checkAndInsert(ReplayKey key, Instant expiresAt)
      throws ReplayCacheFullException, ReplayCacheUnavailableException {
    long ttl = Math.max(1, expiresAt.toEpochMilli() - clock.millis());
    long deadline = System.nanoTime() + timeoutNanos;
    RedisFuture<String> reply = null;
    Throwable failure;
    try {
      RedisStringAsyncCommands<byte[], byte[]> commands = link.commands(deadline);
      reply = commands.set(redisKey(key), EMPTY, SetArgs.Builder.nx().px(ttl));
      String status = reply.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      outage.success();
      return "OK".equals(status);
    } catch (TimeoutException e) {
      failure = new TimeoutException("no answer within " + uri.timeout().toMillis() + " ms");
    } catch (ExecutionException e) {
      failure = e.getCause() == null ? e : e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = e;
    } catch (RuntimeException e) {
      failure = e;
    }
    if (reply != null) {
      reply.cancel(false);
    }
    return unavailable(key, expiresAt, failure);
  }

  private boolean unavailable(ReplayKey key, Instant expiresAt, Throwable failure)
      throws ReplayCacheFullException, ReplayCacheUnavailableException {
    String cause = cause(failure);
    if (uri.failOpen()) {
      outage.failure(cause + "; failOpen=true: tokens are checked against this JVM's in-memory "
          + "replay cache only, so a token accepted by another node can be replayed here");
      try {
        return ReplayCaches.jvmDefault().checkAndInsert(key, expiresAt);
      } catch (ReplayCacheUnavailableException e) {
        throw new IllegalStateException("the in-memory cache is never unavailable", e);
      }
    }
    outage.failure(cause + "; tokens are refused (fail-closed) until it answers again");
    throw new ReplayCacheUnavailableException("the shared replay cache " + uri.display()
        + " is unavailable (" + cause + "): the token is refused rather than accepted unchecked "
        + "(fail-closed; bring Redis back, or opt in to failOpen=true)", failure);
  }

  /** The failure as one line without credentials. */
  private String cause(Throwable failure) {
    String message = failure.getMessage();
    String name = failure.getClass().getSimpleName();
    return uri.redact(message == null || message.isBlank() ? name : name + ": " + message);
  }

  /** {@value #PREFIX} + unpadded base64url of the 32-byte digest: 54 ASCII bytes. */
  static byte[] redisKey(ReplayKey key) {
    byte[] encoded = KEY_ENCODING.encode(key.digest());
    byte[] out = new byte[PREFIX_BYTES.length + encoded.length];
    System.arraycopy(PREFIX_BYTES, 0, out, 0, PREFIX_BYTES.length);
    System.arraycopy(encoded, 0, out, PREFIX_BYTES.length, encoded.length);
    return out;
  }

  /** -1: the entries live in Redis; counting them would need a SCAN of the keyspace. */
  @Override
  public int size() {
    return -1;
  }

  /** Whether the last check met an outage that has not ended yet. */
  public boolean isUnavailable() {
    return outage.isDown();
  }

  /** Closes a cache from {@link #open}; does nothing on a {@link #shared} one. */
  @Override
  public void close() {
    if (!shared) {
      link.close();
    }
  }

  void closeNow() {
    link.close();
  }

  @Override
  public String toString() {
    return "RedisReplayCache[" + uri.display() + ", timeout " + uri.timeout().toMillis() + " ms, "
        + (uri.failOpen() ? "fail-open" : "fail-closed") + "]";
  }
}
