package dev.krb5gss.context;

import dev.krb5gss.ap.ApAcceptor;
import dev.krb5gss.ap.ApPolicy;
import dev.krb5gss.ap.ChannelBindings;
import dev.krb5gss.crypto.EnctypePolicy;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.keytab.KeySource;
import dev.krb5gss.keytab.ReloadingKeytab;
import dev.krb5gss.keytab.KeytabFormatException;
import dev.krb5gss.keytab.ServiceKeyTable;
import dev.krb5gss.keytab.MergedKeys;
import dev.krb5gss.keytab.SubjectKeys;
import dev.krb5gss.name.PrincipalName;
import dev.krb5gss.replay.ReplayCache;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import javax.security.auth.Subject;

/**
 * Inbound credentials acquired once, with the policy every negotiation runs under: the SSPI
 * AcquireCredentialsHandle(SECPKG_CRED_INBOUND) step and RFC 2743 §2.1.1 GSS_Acquire_cred for an
 * acceptor. Immutable and thread-safe; create one {@link ServerContext} per client negotiation
 * with {@link #newContext()}, or keep them between HTTP requests in {@link #pendingContexts()}.
 */
public final class Acceptor {
  static final Duration MAX_LEG_TIMEOUT = Duration.ofMinutes(10);

  private final KeySource keys;
  private final Clock clock;
  private final Duration maxSkew;
  private final Duration legTimeout;
  private final EnctypePolicy enctypes;
  private final Predicate<PrincipalName> allowedServices;
  private final List<Negotiated> mechanisms;
  private final int maxTokenSize;
  private final ApAcceptor ap;
  private final PendingContextStore pending;
  private final Krb5Step unboundStep;

  private Acceptor(Builder b, KeySource keys) {
    this.keys = keys;
    this.clock = b.clock;
    this.maxSkew = b.maxSkew;
    this.legTimeout = b.legTimeout;
    this.enctypes = b.enctypes;
    this.allowedServices = b.allowedServices;
    this.mechanisms = List.copyOf(b.mechanisms);
    this.maxTokenSize = b.maxTokenSize;
    this.ap = new ApAcceptor(keys, b.apPolicy());
    this.pending = new PendingContextStore(this, b.maxPending, b.maxPendingPerKey);
    this.unboundStep = ApSession.step(ap, null);
    LiveAcceptors.add(this);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A new server context for one client negotiation; the mechanism is read from its first token. */
  public ServerContext newContext() {
    return new ServerContext(this, null);
  }

  /**
   * A new server context whose client must present these channel bindings (RFC 4121 §4.1.1.2),
   * e.g. {@link ChannelBindings#ofApplicationData} with a TLS channel binding.
   */
  public ServerContext newContext(ChannelBindings bindings) {
    return new ServerContext(this, bindings);
  }

  /** The Kerberos AP-exchange verifier under this acceptor's keys and policy. */
  public ApAcceptor apAcceptor() {
    return ap;
  }

  /** The store for contexts held between the legs of a request/response protocol. */
  public PendingContextStore pendingContexts() {
    return pending;
  }

  /** The exchange for a negotiation whose first token is {@code token}. */
  Exchange exchangeFor(byte[] token, ChannelBindings bindings) throws RejectedException {
    Krb5Step step = bindings == null ? unboundStep : ApSession.step(ap, bindings);
    return Exchanges.forFirstToken(token, step, mechanisms);
  }

  public KeySource keys() {
    return keys;
  }

  public Clock clock() {
    return clock;
  }

  public Duration maxSkew() {
    return maxSkew;
  }

  public Duration legTimeout() {
    return legTimeout;
  }

  public EnctypePolicy enctypes() {
    return enctypes;
  }

  public Predicate<PrincipalName> allowedServices() {
    return allowedServices;
  }

  /** The enabled mechanisms, in the acceptor's order of preference. */
  public List<Negotiated> mechanisms() {
    return mechanisms;
  }

  public int maxTokenSize() {
    return maxTokenSize;
  }

  @Override
  public String toString() {
    return "Acceptor[" + keys + ", " + mechanisms + ", leg timeout " + legTimeout + "]";
  }

  /**
   * Settings for an {@link Acceptor}. At least one key source ({@link #keys}, {@link #keytab},
   * {@link #subject}); several are merged, the first one added winning where two hold a key of
   * the same principal, kvno and enctype. {@link #build()} rejects contradictory settings.
   */
  public static final class Builder {
    private final List<Object> keySources = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private Duration maxSkew = Duration.ofMinutes(5);
    private Duration legTimeout = Duration.ofSeconds(30);
    private int maxPending = 10_000;
    private int maxPendingPerKey = 64;
    private EnctypePolicy enctypes = EnctypePolicy.defaults();
    private Predicate<PrincipalName> allowedServices = p -> true;
    private List<Negotiated> mechanisms =
        List.of(Negotiated.KRB5, Negotiated.MS_KRB5, Negotiated.SPNEGO);
    private int maxTokenSize = 64 * 1024;
    private ReplayCache replayCache;
    private boolean requireChannelBindings;
    private boolean requirePac;

    private Builder() {}

    /** The replay cache (RFC 4120 §3.2.3); by default an in-memory cache on this clock. */
    public Builder replayCache(ReplayCache cache) {
      this.replayCache = Objects.requireNonNull(cache, "cache");
      return this;
    }

    /** Refuse clients that send no channel bindings when the context has some. */
    public Builder requireChannelBindings(boolean require) {
      this.requireChannelBindings = require;
      return this;
    }

    /**
     * Refuse tickets without a PAC (MS-PAC) with Reason PAC_REQUIRED; default false (MIT realms
     * issue none). A PAC that is present is always verified.
     */
    public Builder requirePac(boolean require) {
      this.requirePac = require;
      return this;
    }

    ApPolicy apPolicy() {
      ApPolicy.Builder p = ApPolicy.builder().clock(clock).maxSkew(maxSkew).enctypes(enctypes)
          .maxTokenSize(maxTokenSize).allowedServices(allowedServices)
          .requireChannelBindings(requireChannelBindings).requirePac(requirePac);
      if (replayCache != null) {
        p.replayCache(replayCache);
      }
      return p.build();
    }

    /** Keys from a key source (e.g. a {@link ServiceKeyTable}). */
    public Builder keys(KeySource source) {
      keySources.add(Objects.requireNonNull(source, "source"));
      return this;
    }

    /** Keys from a keytab file, re-read when it changes (through {@link KeytabCache}). */
    public Builder keytab(Path file) {
      keySources.add(Objects.requireNonNull(file, "file"));
      return this;
    }

    /**
     * Keys from a JAAS Subject: krb5gss's own AcceptorKeys credential, else its KeyTab and
     * KerberosKey private credentials, as {@link SubjectKeys} finds them.
     */
    public Builder subject(Subject subject) {
      keySources.add(Objects.requireNonNull(subject, "subject"));
      return this;
    }

    /** The clock for skew checks and leg deadlines (inject a test clock). */
    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /** Allowed clock skew for authenticators (RFC 4120 §1.6); default 5 minutes. */
    public Builder maxSkew(Duration skew) {
      this.maxSkew = Objects.requireNonNull(skew, "skew");
      return this;
    }

    /** How long a pending negotiation waits for the client's next leg; default 30 s. */
    public Builder legTimeout(Duration timeout) {
      this.legTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Cap on negotiations held in {@link #pendingContexts()}; default 10 000. When full, a
     * newcomer evicts the oldest negotiation of the busiest client key (see
     * {@link PendingContextStore}).
     */
    public Builder maxPending(int max) {
      this.maxPending = max;
      return this;
    }

    /** Cap on pending negotiations per client key (past it: TOO_MANY_PENDING); default 64. */
    public Builder maxPendingPerKey(int max) {
      this.maxPendingPerKey = max;
      return this;
    }

    public Builder enctypes(EnctypePolicy policy) {
      this.enctypes = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The SPN allowlist: tickets for other service principals are refused. */
    public Builder allowedServices(Predicate<PrincipalName> allowed) {
      this.allowedServices = Objects.requireNonNull(allowed, "allowed");
      return this;
    }

    /**
     * The mechanisms to accept, most preferred first (default KRB5, MS_KRB5, SPNEGO). The
     * Kerberos entries' order is the preference when SPNEGO must pick from the client's list.
     */
    public Builder mechanisms(Negotiated... mechs) {
      this.mechanisms = new ArrayList<>(new LinkedHashSet<>(List.of(mechs)));
      return this;
    }

    /** Largest token accepted, in bytes; default 64 KiB. */
    public Builder maxTokenSize(int bytes) {
      this.maxTokenSize = bytes;
      return this;
    }

    /**
     * Acquires the credentials and builds the acceptor.
     *
     * @throws IllegalArgumentException for contradictory settings
     * @throws RejectedException NO_CREDENTIALS when the key source holds no keys
     */
    public Acceptor build() throws RejectedException {
      check();
      KeySource source = keySource();
      if (source.current().isEmpty()) {
        throw new RejectedException(Reason.NO_CREDENTIALS, "the acceptor's key source " + source
            + " holds no keys");
      }
      return new Acceptor(this, source);
    }

    private void check() {
      require(!keySources.isEmpty(), "expected a key source (keys, keytab or subject), got none");
      require(!legTimeout.isNegative() && !legTimeout.isZero()
          && legTimeout.compareTo(MAX_LEG_TIMEOUT) <= 0,
          "expected a leg timeout in (0, " + MAX_LEG_TIMEOUT + "], got " + legTimeout);
      require(!maxSkew.isNegative() && !maxSkew.isZero() && maxSkew.compareTo(Duration.ofHours(1)) <= 0,
          "expected a clock skew in (0, 1 h], got " + maxSkew);
      require(maxPending >= 1, "expected maxPending >= 1, got " + maxPending);
      require(maxPendingPerKey >= 1 && maxPendingPerKey <= maxPending, "expected maxPendingPerKey"
          + " in [1, maxPending=" + maxPending + "], got " + maxPendingPerKey);
      require(mechanisms.stream().anyMatch(Negotiated::isKerberos), "expected at least one"
          + " Kerberos mechanism (SPNEGO alone negotiates nothing), got " + mechanisms);
      require(maxTokenSize >= 1024 && maxTokenSize <= 1 << 20,
          "expected maxTokenSize in [1 KiB, 1 MiB], got " + maxTokenSize);
    }

    private static void require(boolean ok, String message) {
      if (!ok) {
        throw new IllegalArgumentException(message);
      }
    }

    private KeySource keySource() throws RejectedException {
      List<KeySource> sources = new ArrayList<>();
      for (Object source : keySources) {
        sources.add(keySource(source));
      }
      return MergedKeys.of(sources);
    }

    private static KeySource keySource(Object source) throws RejectedException {
      if (source instanceof KeySource) {
        return (KeySource) source;
      }
      if (source instanceof Subject) {
        return SubjectKeys.from((Subject) source);
      }
      return keytabSource((Path) source);
    }

    /** Keytab files are re-checked at most this often; a rotation keeps the previous kvno. */
    private static final Duration KEYTAB_CHECK_INTERVAL = Duration.ofSeconds(1);

    private static KeySource keytabSource(Path file) throws RejectedException {
      try {
        return ReloadingKeytab.shared(file, KEYTAB_CHECK_INTERVAL);
      } catch (IOException | KeytabFormatException e) {
        throw new RejectedException(Reason.NO_CREDENTIALS,
            "cannot read the keytab " + file + ": " + e.getMessage(), e);
      }
    }
  }
}
