package dev.krb5gss.keytab;

import dev.krb5gss.crypto.EnctypePolicy;
import dev.krb5gss.name.PrincipalName;
import dev.krb5gss.name.PrincipalPattern;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.security.auth.Destroyable;
import javax.security.auth.Subject;

/**
 * The acceptor credential krb5gss looks for first in a {@link Subject}'s private credentials
 * (RFC 2743 §2.1.1 GSS_Acquire_cred for ACCEPT usage): where the service keys come from, which
 * service principals tickets may name, and the enctype policy. The JDK's own mechanism ignores
 * this type and uses the {@code javax.security.auth.kerberos.KeyTab} next to it.
 *
 * <p>Bound to principals, it admits tickets for exactly those; unbound (a login with
 * {@code principal=*}), it admits any principal of the keytab that the allowlist admits (an empty
 * allowlist admits all). {@link #destroy()} only detaches: the keys themselves are shared with
 * other logins of the same keytab and are not wiped.
 */
public final class AcceptorKeys implements Destroyable {
  private final KeySource keys;
  private final Set<PrincipalName> principals;
  private final List<PrincipalPattern> allowed;
  private final EnctypePolicy policy;
  private final boolean requirePac;
  private final String replayCache;
  private volatile boolean destroyed;

  private AcceptorKeys(KeySource keys, Set<PrincipalName> principals,
      List<PrincipalPattern> allowed, EnctypePolicy policy, boolean requirePac,
      String replayCache) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.principals = Set.copyOf(principals);
    this.allowed = List.copyOf(allowed);
    this.policy = Objects.requireNonNull(policy, "policy");
    this.requirePac = requirePac;
    this.replayCache = replayCache;
  }

  /**
   * The same credential whose acceptors refuse tickets without a PAC (MS-PAC) with Reason
   * PAC_REQUIRED (the login module's {@code requirePac} option).
   */
  public AcceptorKeys requiringPac(boolean require) {
    return new AcceptorKeys(keys, principals, allowed, policy, require, replayCache);
  }

  /** Whether acceptors under this credential require a PAC in every ticket. */
  public boolean requirePac() {
    return requirePac;
  }

  /** A credential for exactly these service principals. */
  public static AcceptorKeys bound(KeySource keys, Set<PrincipalName> principals,
      EnctypePolicy policy) {
    if (principals.isEmpty()) {
      throw new IllegalArgumentException("a bound credential needs at least one principal");
    }
    return new AcceptorKeys(keys, new LinkedHashSet<>(principals), List.of(), policy, false, null);
  }

  /** A credential for any principal of the keys that {@code allowed} admits (empty: all). */
  public static AcceptorKeys unbound(KeySource keys, List<PrincipalPattern> allowed,
      EnctypePolicy policy) {
    return new AcceptorKeys(keys, Set.of(), allowed, policy, false, null);
  }

  /** The credentials of this type in {@code subject}, in the Subject's order. */
  public static List<AcceptorKeys> in(Subject subject) {
    Set<AcceptorKeys> set = subject.getPrivateCredentials(AcceptorKeys.class);
    List<AcceptorKeys> live = new ArrayList<>();
    for (AcceptorKeys k : set) {
      if (!k.isDestroyed()) {
        live.add(k);
      }
    }
    return live;
  }

  /** Where the keys come from; call {@link KeySource#current()} per accept. */
  public KeySource keySource() {
    checkAlive();
    return keys;
  }

  /** The bound principals; empty when unbound. */
  public Set<PrincipalName> principals() {
    return principals;
  }

  public boolean isBound() {
    return !principals.isEmpty();
  }

  /** The allowlist of an unbound credential; empty for a bound one or when all are admitted. */
  public List<PrincipalPattern> allowedPrincipals() {
    return allowed;
  }

  public EnctypePolicy enctypePolicy() {
    return policy;
  }

  /**
   * The same credential with the replay cache its acceptors use (RFC 4120 §3.2.3): a URI for
   * {@code dev.krb5gss.replay.ReplayCaches#fromUri}, e.g. {@code redis://host:6379/0}; never shown
   * by {@link #toString()} (it may hold a password).
   */
  public AcceptorKeys withReplayCache(String uri) {
    return new AcceptorKeys(keys, principals, allowed, policy, requirePac,
        Objects.requireNonNull(uri, "uri"));
  }

  /** The replay cache URI given at login; empty: the provider's configured or JVM-wide cache. */
  public java.util.Optional<String> replayCache() {
    return java.util.Optional.ofNullable(replayCache);
  }

  /** Whether a ticket for {@code service} may be accepted with this credential. */
  public boolean admits(PrincipalName service) {
    if (isBound()) {
      return principals.contains(service);
    }
    return allowed.isEmpty() || allowed.stream().anyMatch(p -> p.matches(service));
  }

  @Override
  public void destroy() {
    destroyed = true;
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  private void checkAlive() {
    if (destroyed) {
      throw new IllegalStateException("this acceptor credential was destroyed (logged out)");
    }
  }

  @Override
  public String toString() {
    return "AcceptorKeys[" + (isBound() ? principals : "any of " + (allowed.isEmpty()
        ? "the keytab" : allowed)) + ", " + keys + ", " + policy + (requirePac ? ", PAC required" : "")
        + (replayCache == null ? "" : ", own replay cache") + (destroyed ? ", destroyed" : "")
        + "]";
  }
}
