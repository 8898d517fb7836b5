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
 * negotiation in the acceptor's {@link PendingContextStore} under the request's connection key
 * (under its caps and leg timeout); a SPNEGO continuation (a NegTokenResp, RFC 4178 §4.2.2)
 * resumes the one pending on that connection. Every output token goes back in
 * {@code WWW-Authenticate}; every failure is logged once by {@link FailureLog}. Thread-safe.
 */
public final class NegotiateHandler {
  private static final byte NEG_TOKEN_RESP = (byte) 0xa1;

  private final Acceptor acceptor;
  private final RoleMapper roles;
  private final boolean mapsRoles;
  private final AuthenticatedConnections connections;

  private NegotiateHandler(Builder b) {
    this.acceptor = b.acceptor;
    this.roles = b.roles;
    this.mapsRoles = b.mapsRoles;
    this.connections = b.persistOnConnection
        ? new AuthenticatedConnections(acceptor.clock(), b.maxConnections) : null;
  }

  public static Builder builder(Acceptor acceptor) {
    return new Builder(acceptor);
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
      ServerContext context = token[0] == NEG_TOKEN_RESP ? pending(key)
          : acceptor.pendingContexts().begin(key, request.clientHost(),
              request.bindings().orElse(null));
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

  /** The negotiation pending on this connection; CONTEXT_EXPIRED if it just timed out. */
  private ServerContext pending(Object key) throws RejectedException {
    PendingContextStore store = acceptor.pendingContexts();
    long expiredBefore = store.expiredCount();
    Optional<ServerContext> context = store.find(key);
    if (context.isPresent()) {
      return context.get();
    }
    if (store.expiredCount() > expiredBefore) {
      throw new RejectedException(Reason.CONTEXT_EXPIRED, "the next leg arrived after the leg"
          + " timeout of " + acceptor.legTimeout().toMillis() + " ms; the client must start over");
    }
    throw new RejectedException(Reason.NO_CONTEXT, "got a SPNEGO continuation token, but no"
        + " negotiation is pending on this connection (expired, finished or never started)");
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
    FailureLog.rejected(request.clientAddress(), outcome.status(), e);
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
    private boolean persistOnConnection = true;
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
     * Whether a keep-alive connection stays authenticated for its later requests (default true).
     * Turn off behind a reverse proxy that shares connections between users.
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
  }
}
