package dev.krb5gss.keytab;

import dev.krb5gss.crypto.CipherKey;
import dev.krb5gss.crypto.CryptoProfiles;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.crypto.SecretBytes;
import dev.krb5gss.name.PrincipalName;
import java.util.Objects;

/**
 * One long-term service key: principal, key version number, enctype and key bytes (a keytab
 * entry, RFC 4120 §7.5.5 / MIT keytab format). When the enctype is implemented, the key is bound
 * to its crypto profile once, so derived keys are computed once per credential, not per ticket.
 */
public final class ServiceKey {
  private final PrincipalName principal;
  private final int kvno;
  private final EncType encType;
  private final SecretBytes secret;
  private final CipherKey cipherKey;

  public ServiceKey(PrincipalName principal, int kvno, EncType encType, SecretBytes secret) {
    this.principal = Objects.requireNonNull(principal, "principal");
    this.kvno = kvno;
    this.encType = Objects.requireNonNull(encType, "encType");
    this.secret = Objects.requireNonNull(secret, "secret");
    this.cipherKey = CryptoProfiles.of(encType).map(p -> p.longTermKey(secret)).orElse(null);
  }

  public PrincipalName principal() {
    return principal;
  }

  public int kvno() {
    return kvno;
  }

  public EncType encType() {
    return encType;
  }

  public SecretBytes secret() {
    return secret;
  }

  /** The key bound to its crypto profile, or null when we do not implement the enctype. */
  public CipherKey cipherKey() {
    return cipherKey;
  }

  @Override
  public String toString() {
    return "ServiceKey[" + principal + ", kvno " + kvno + ", " + encType + ", key redacted]";
  }
}
