package dev.krb5gss.ap;

import dev.krb5gss.crypto.EnctypePolicy;
import dev.krb5gss.name.PrincipalName;
import dev.krb5gss.replay.InMemoryReplayCache;
import dev.krb5gss.replay.ReplayCache;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What an {@link ApAcceptor} accepts: clock and allowed clock skew (RFC 4120 §1.6, §3.2.3), the
 * enctype policy, the replay cache, the largest token, which service principals may be used, and
 * whether channel bindings (RFC 4121 §4.1.1.2) are required. Immutable; the builder rejects
 * contradictions.
 */
public final class ApPolicy {
  /** RFC 4120 §1.6 suggests five minutes, MIT's and the JDK's default. */
  public static final Duration DEFAULT_MAX_SKEW = Duration.ofMinutes(5);
  /** A larger skew would make authenticators replayable for too long. */
  public static final Duration MAX_MAX_SKEW = Duration.ofHours(1);
  public static final int DEFAULT_MAX_TOKEN_SIZE = 64 * 1024;

  private final Clock clock;
  private final Duration maxSkew;
  private final EnctypePolicy enctypes;
  private final ReplayCache replayCache;
  private final int maxTokenSize;
  private final Predicate<PrincipalName> allowedServices;
  private final boolean requireChannelBindings;
  private final boolean requirePac;

  private ApPolicy(Builder b) {
    this.clock = b.clock;
    this.maxSkew = b.maxSkew;
    this.enctypes = b.enctypes;
    this.replayCache = b.replayCache != null ? b.replayCache
        : new InMemoryReplayCache(b.clock, InMemoryReplayCache.DEFAULT_MAX_ENTRIES);
    this.maxTokenSize = b.maxTokenSize;
    this.allowedServices = b.allowedServices;
    this.requireChannelBindings = b.requireChannelBindings;
    this.requirePac = b.requirePac;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The defaults: system UTC clock, 5 min skew, default enctypes, a fresh in-memory cache. */
  public static ApPolicy defaults() {
    return builder().build();
  }

  public Clock clock() {
    return clock;
  }

  public Duration maxSkew() {
    return maxSkew;
  }

  public EnctypePolicy enctypes() {
    return enctypes;
  }

  public ReplayCache replayCache() {
    return replayCache;
  }

  public int maxTokenSize() {
    return maxTokenSize;
  }

  public Predicate<PrincipalName> allowedServices() {
    return allowedServices;
  }

  public boolean requireChannelBindings() {
    return requireChannelBindings;
  }

  /** Whether a ticket without a PAC (MS-PAC) is refused with PAC_REQUIRED. */
  public boolean requirePac() {
    return requirePac;
  }

  @Override
  public String toString() {
    return "ApPolicy[skew " + maxSkew + ", " + enctypes + ", max token " + maxTokenSize
        + (requireChannelBindings ? ", channel bindings required" : "")
        + (requirePac ? ", PAC required" : "") + "]";
  }

  /** Builds an {@link ApPolicy}; every setter rejects nonsense immediately. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private Duration maxSkew = DEFAULT_MAX_SKEW;
    private EnctypePolicy enctypes = EnctypePolicy.defaults();
    private ReplayCache replayCache;
    private int maxTokenSize = DEFAULT_MAX_TOKEN_SIZE;
    private Predicate<PrincipalName> allowedServices = p -> true;
    private boolean requireChannelBindings;
    private boolean requirePac;

    private Builder() {}

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The largest accepted difference between the client's and our clock. There is no "0 = off":
     * a skew check cannot be disabled, only widened up to {@link #MAX_MAX_SKEW}.
     */
    public Builder maxSkew(Duration skew) {
      Objects.requireNonNull(skew, "skew");
      if (skew.isNegative() || skew.isZero()) {
        throw new IllegalArgumentException("the clock skew must be positive, got " + skew
            + " (the skew check cannot be turned off)");
      }
      if (skew.compareTo(MAX_MAX_SKEW) > 0) {
        throw new IllegalArgumentException("a clock skew of " + skew + " exceeds the maximum of "
            + MAX_MAX_SKEW + "; synchronise the clocks (NTP) instead");
      }
      this.maxSkew = skew;
      return this;
    }

    public Builder enctypes(EnctypePolicy enctypes) {
      this.enctypes = Objects.requireNonNull(enctypes, "enctypes");
      return this;
    }

    /** The replay cache; by default a new in-memory cache on this policy's clock. */
    public Builder replayCache(ReplayCache cache) {
      this.replayCache = Objects.requireNonNull(cache, "cache");
      return this;
    }

    public Builder maxTokenSize(int bytes) {
      if (bytes < 256 || bytes > 16 * 1024 * 1024) {
        throw new IllegalArgumentException("maxTokenSize must be between 256 bytes and 16 MiB, got "
            + bytes + " (tickets with large PACs need 12-64 KiB)");
      }
      this.maxTokenSize = bytes;
      return this;
    }

    /** Only tickets for service principals this predicate admits are accepted. */
    public Builder allowedServices(Predicate<PrincipalName> allowed) {
      this.allowedServices = Objects.requireNonNull(allowed, "allowed");
      return this;
    }

    public Builder requireChannelBindings(boolean require) {
      this.requireChannelBindings = require;
      return this;
    }

    /**
     * Refuse tickets without a PAC (Reason PAC_REQUIRED): for services that authorize by Active
     * Directory groups and must not accept a ticket from a KDC that issues none. A PAC that is
     * present is always verified, whatever this setting.
     */
    public Builder requirePac(boolean require) {
      this.requirePac = require;
      return this;
    }

    public ApPolicy build() {
      return new ApPolicy(this);
    }
  }
}
