package dev.krb5gss.web;

import dev.krb5gss.ap.ApEstablished;
import dev.krb5gss.context.AcceptResult;
import dev.krb5gss.context.AcceptStatus;
import dev.krb5gss.context.Acceptor;
import dev.krb5gss.context.PendingContextStore;
import dev.krb5gss.context.ServerContext;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTP Negotiate (RFC 4559 §4-5) on the server-context state machine, for any servlet or Jetty
 * adapter: the SSPI server loop of the seed page, one request per leg. A first token starts a
 * negotiation in the acceptor's {@link PendingContextStore} under the request's connection key;
 * it takes a slot there (under the store's caps, eviction policy and leg timeout) only if it
 * needs another leg, counted against the client's {@link ClientKeys key} (its address, an IPv6
 * /64; never {@code X-Forwarded-For}). A SPNEGO continuation (a NegTokenResp, RFC 4178 §4.2.2)
 * resumes the one pending on that connection, or is told why there is none (CONTEXT_EXPIRED,
 * PENDING_EVICTED, NO_CONTEXT). Every output token goes back in {@code WWW-Authenticate}; every
 * failure is logged once by {@link FailureLog}, except TOO_MANY_PENDING, which the store
 * summarises at most once a minute (a flood must not become a log flood). Thread-safe.
 *
 * <p>Connection reuse ({@link Builder#persistOnConnection}) is off by default: see there.
 */
public final class NegotiateHandler {
  private static final byte NEG_TOKEN_RESP = (byte) 0xa1;

  private final Acceptor acceptor;
  private final RoleMapper roles;
  private final boolean mapsRoles;
  private final AuthenticatedConnections connections;
  private final Builder settings;

  private NegotiateHandler(Builder b) {
    this.acceptor = b.acceptor;
    this.roles = b.roles;
    this.mapsRoles = b.mapsRoles;
    this.connections = b.persistOnConnection
        ? new AuthenticatedConnections(acceptor.clock(), b.maxConnections) : null;
    this.settings = b.copy();
  }

  public static Builder builder(Acceptor acceptor) {
    return new Builder(acceptor);
  }

  /**
   * A handler with this one's acceptor and settings but another role mapper (and no remembered
   * connections): for adapters whose {@code roleMapping} attribute replaces the roles.
   */
  public NegotiateHandler withRoles(RoleMapper mapper) {
    return settings.copy().roles(mapper).build();
  }

  /** The acceptor whose credentials, policy and pending store this handler uses. */
  public Acceptor acceptor() {
    return acceptor;
  }

  /**
   * Whether a {@link RoleMapper} was configured ({@link Builder#roles}); without one the web
   * adapters leave roles to the container's realm or login service.
   */
  public boolean mapsRoles() {
    return mapsRoles;
  }

  /** What to answer {@code request} with. */
  public NegotiateOutcome handle(NegotiateRequest request) {
    Optional<byte[]> token;
    try {
      token = NegotiateHeader.parse(request.authorization().orElse(null), acceptor.maxTokenSize());
    } catch (RejectedException e) {
      return rejected(request, e);
    }
    if (token.isPresent()) {
      return accept(request, token.get());
    }
    Optional<AuthenticatedUser> known = connections == null
        ? Optional.empty() : connections.find(request.connectionKey());
    return known.map(u -> NegotiateOutcome.authenticated(u, new byte[0]))
        .orElseGet(NegotiateOutcome::challenge);
  }

  private NegotiateOutcome accept(NegotiateRequest request, byte[] token) {
    Object key = request.connectionKey();
    if (connections != null) {
      connections.forget(key);
    }
    try {
      PendingContextStore store = acceptor.pendingContexts();
      ServerContext context = token[0] == NEG_TOKEN_RESP ? store.resume(key).orElseThrow()
          : store.begin(key, ClientKeys.of(request.clientHost()), request.bindings().orElse(null));
      AcceptResult result = context.accept(token);
      if (result.status() != AcceptStatus.COMPLETE) {
        return NegotiateOutcome.continueWith(result.outputToken());
      }
      return authenticated(key, context, result);
    } catch (RejectedException e) {
      return rejected(request, e);
    } catch (RuntimeException e) {
      // our fault (or a RoleMapper's): a 500 and a log line, not a stack trace in the container
      acceptor.pendingContexts().remove(key);
      FailureLog.internal(request.clientAddress(), e);
      return NegotiateOutcome.internalError();
    }
  }

  private NegotiateOutcome authenticated(Object key, ServerContext context, AcceptResult result)
      throws RejectedException {
    try {
      ApEstablished established = context.established();
      AuthenticatedUser user = new AuthenticatedUser(established.client(),
          roles.roles(established), context.mechanism(), established.endTime());
      if (connections != null) {
        connections.remember(key, user);
      }
      return NegotiateOutcome.authenticated(user, result.outputToken());
    } finally {
      context.dispose();
    }
  }

  private static NegotiateOutcome rejected(NegotiateRequest request, RejectedException e) {
    NegotiateOutcome outcome = NegotiateOutcome.rejected(e.reason());
    if (e.reason() != Reason.TOO_MANY_PENDING) {
      FailureLog.rejected(request.clientAddress(), outcome.status(), e);
    }
    return outcome;
  }

  @Override
  public String toString() {
    return "NegotiateHandler[" + acceptor + (connections == null ? "" : ", keep-alive reuse") + "]";
  }

  /** Settings for a {@link NegotiateHandler}. */
  public static final class Builder {
    private final Acceptor acceptor;
    private RoleMapper roles = RoleMapper.none();
    private boolean mapsRoles;
    private boolean persistOnConnection;
    private int maxConnections = 10_000;

    private Builder(Acceptor acceptor) {
      this.acceptor = Objects.requireNonNull(acceptor, "acceptor");
    }

    /** Maps authenticated clients to roles; default none. */
    public Builder roles(RoleMapper mapper) {
      this.roles = Objects.requireNonNull(mapper, "mapper");
      this.mapsRoles = true;
      return this;
    }

    /**
     * Whether a keep-alive connection stays authenticated for its later requests without a new
     * {@code Authorization} header (as IIS's "authPersistNonNTLM" does); default false.
     *
     * <p>Off by default because the server cannot see who is behind a connection: a reverse
     * proxy or load balancer that pools its connections to this server sends later requests of
     * other users over the connection the first user authenticated, and with reuse on they
     * would inherit that user's identity. Turn it on only when clients connect directly (no
     * connection-pooling intermediary), to save a Kerberos exchange per request; the connection
     * then stays authenticated until the ticket's end time.
     */
    public Builder persistOnConnection(boolean persist) {
      this.persistOnConnection = persist;
      return this;
    }

    /** How many authenticated connections to remember at most; default 10 000. */
    public Builder maxConnections(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("expected maxConnections >= 1, got " + max);
      }
      this.maxConnections = max;
      return this;
    }

    public NegotiateHandler build() {
      return new NegotiateHandler(this);
    }

    private Builder copy() {
      Builder copy = new Builder(acceptor);
      copy.roles = roles;
      copy.persistOnConnection = persistOnConnection;
      copy.maxConnections = maxConnections;
      return copy;
    }
  }
}
