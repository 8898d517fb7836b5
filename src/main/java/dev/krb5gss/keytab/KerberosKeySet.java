package dev.krb5gss.keytab;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.crypto.SecretBytes;
import dev.krb5gss.error.InternalFaultException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.security.auth.kerberos.KerberosKey;

/**
 * A set of {@link KerberosKey}s (RFC 4120 §7.5.5 service keys from a password login with
 * {@code storeKey=true}) as one shared {@link ServiceKeyTable}: equal sets (by a SHA-256 over
 * principals, kvnos, enctypes and key bytes; never shown) get the same table, so repeated
 * acquisitions share one {@link SecretBytes} copy per key and its derived keys. Every
 * {@code getEncoded()} copy is zeroed after use.
 */
final class KerberosKeySet {
  private static final int MAX_KEY_SETS = 256;
  private static final Cache<KerberosKeySet, ServiceKeyTable> TABLES =
      CacheBuilder.newBuilder().maximumSize(MAX_KEY_SETS).build();

  private final byte[] digest;
  private final ServiceKeyTable table;

  private KerberosKeySet(byte[] digest, ServiceKeyTable table) {
    this.digest = digest;
    this.table = table;
  }

  /** The set of {@code keys}, with the table shared by every equal set. */
  static KerberosKeySet of(List<KerberosKey> keys) {
    KerberosKeySet probe = new KerberosKeySet(digest(keys), null);
    return new KerberosKeySet(probe.digest,
        TABLES.asMap().computeIfAbsent(probe, p -> toTable(keys)));
  }

  ServiceKeyTable table() {
    return table;
  }

  private static byte[] digest(List<KerberosKey> keys) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (KerberosKey k : keys) {
        md.update(k.getPrincipal().getName().getBytes(StandardCharsets.UTF_8));
        md.update(new byte[] {0, (byte) k.getKeyType(), (byte) (k.getKeyType() >> 8),
            (byte) k.getVersionNumber(), (byte) (k.getVersionNumber() >> 8)});
        byte[] raw = k.getEncoded();
        md.update(raw);
        Arrays.fill(raw, (byte) 0);
      }
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new InternalFaultException("SHA-256 is missing from this JVM", e);
    }
  }

  private static ServiceKeyTable toTable(List<KerberosKey> keys) {
    List<ServiceKey> out = new ArrayList<>();
    for (KerberosKey k : keys) {
      byte[] raw = k.getEncoded();
      try {
        out.add(new ServiceKey(SubjectKeys.principal(k.getPrincipal()), k.getVersionNumber(),
            EncType.of(k.getKeyType()), SecretBytes.copyOf(raw)));
      } finally {
        Arrays.fill(raw, (byte) 0);
      }
    }
    return ServiceKeyTable.of(out);
  }

  /** Equal when the fingerprints are (compared in constant time). */
  @Override
  public boolean equals(Object o) {
    return o instanceof KerberosKeySet && MessageDigest.isEqual(((KerberosKeySet) o).digest, digest);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(digest);
  }

  @Override
  public String toString() {
    return "KerberosKeySet[redacted]";
  }
}
