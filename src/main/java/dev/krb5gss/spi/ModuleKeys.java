package dev.krb5gss.spi;

import dev.krb5gss.crypto.EnctypePolicy;
import dev.krb5gss.keytab.KeySource;
import dev.krb5gss.keytab.ServiceKeyTable;
import dev.krb5gss.name.PrincipalName;
import java.util.Objects;

/**
 * Keys from the credential the krb5gss login module leaves in the Subject
 * ({@link dev.krb5gss.keytab.AcceptorKeys}), looked for before any {@code KeyTab}: they follow
 * keytab rotations with the previous kvno kept for tickets in flight (RFC 4120 §7.5.5), and hold
 * only the service principals the login admitted (its principal list or allowlist).
 */
final class ModuleKeys extends AcceptorKeys {
  private final dev.krb5gss.keytab.AcceptorKeys credential;
  private final KeySource source;
  private final KerberosNameElement name;
  private volatile ServiceKeyTable lastSeen;
  private volatile ServiceKeyTable lastFiltered;

  private ModuleKeys(dev.krb5gss.keytab.AcceptorKeys credential, KerberosNameElement name) {
    this.credential = credential;
    this.source = credential.keySource();
    this.name = name;
  }

  /** The credential's keys for {@code name} (null: all it admits); null when bound to others. */
  static ModuleKeys of(dev.krb5gss.keytab.AcceptorKeys credential, KerberosNameElement name) {
    if (credential.isDestroyed()) {
      return null;
    }
    if (name != null && credential.isBound()
        && credential.principals().stream().noneMatch(name::designates)) {
      return null;
    }
    return new ModuleKeys(credential, name);
  }

  @Override
  public ServiceKeyTable current() {
    return filtered(source.current());
  }

  @Override
  public ServiceKeyTable checkedNow() {
    return filtered(source.checkedNow());
  }

  private ServiceKeyTable filtered(ServiceKeyTable table) {
    if (table != lastSeen) {
      lastFiltered = filter(table, k -> credential.admits(k.principal())
          && (name == null || name.designates(k.principal())));
      lastSeen = table;
    }
    return lastFiltered;
  }

  /** The login module's enctype policy (e.g. rc4-hmac admitted with allowRc4). */
  @Override
  EnctypePolicy enctypePolicy() {
    return credential.enctypePolicy();
  }

  /** The login module's {@code requirePac} option. */
  @Override
  boolean requirePac() {
    return credential.requirePac();
  }

  /** The login module's {@code replayCache} option (null when not given). */
  @Override
  String replayCacheUri() {
    return credential.replayCache().orElse(null);
  }

  private PrincipalName named() {
    return name == null ? null : name.principal();
  }

  /** Same key source instance, same admission, same requested name: one shared acceptor. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ModuleKeys)) {
      return false;
    }
    ModuleKeys m = (ModuleKeys) o;
    return m.source == source && m.credential.principals().equals(credential.principals())
        && m.credential.allowedPrincipals().equals(credential.allowedPrincipals())
        && m.enctypePolicy().permitted().equals(enctypePolicy().permitted())
        && m.requirePac() == requirePac()
        && Objects.equals(m.named(), named())
        && Objects.equals(m.replayCacheUri(), replayCacheUri());
  }

  @Override
  public int hashCode() {
    return Objects.hash(System.identityHashCode(source), credential.principals(), named());
  }

  @Override
  public String toString() {
    return "login module keys " + credential;
  }
}
