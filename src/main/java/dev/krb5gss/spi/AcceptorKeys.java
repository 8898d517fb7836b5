package dev.krb5gss.spi;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.crypto.EnctypePolicy;
import dev.krb5gss.crypto.SecretBytes;
import dev.krb5gss.error.InternalFaultException;
import dev.krb5gss.keytab.KeySource;
import dev.krb5gss.keytab.KeytabCache;
import dev.krb5gss.keytab.KeytabFormatException;
import dev.krb5gss.keytab.ServiceKey;
import dev.krb5gss.keytab.ServiceKeyTable;
import dev.krb5gss.name.PrincipalName;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import javax.security.auth.kerberos.KerberosKey;
import javax.security.auth.kerberos.KerberosPrincipal;

/**
 * Acceptor keys as a {@link KeySource} with value identity, so that an acquisition repeated on
 * every request (Tomcat logs in per request) maps to the same source and the same acceptor:
 * keytab files go through {@link KeytabCache} (re-read only when the file changes), sets of
 * {@link KerberosKey}s are bound to their crypto profiles once per distinct key set.
 */
abstract class AcceptorKeys implements KeySource {
  private static final int MAX_KEY_SETS = 256;
  private static final Cache<Fingerprint, ServiceKeyTable> KEY_SETS =
      CacheBuilder.newBuilder().maximumSize(MAX_KEY_SETS).build();

  /** The keys of a keytab file, restricted to {@code bound} (null: every principal). */
  static AcceptorKeys keytab(Path file, PrincipalName bound, KerberosNameElement name)
      throws IOException, KeytabFormatException {
    KeytabKeys keys = new KeytabKeys(file.toAbsolutePath().normalize(), bound, name);
    keys.reload();
    return keys;
  }

  /** A fixed set of {@link KerberosKey}s (e.g. from a password login with storeKey=true). */
  static AcceptorKeys kerberosKeys(List<KerberosKey> keys, KerberosNameElement name) {
    Fingerprint fp = Fingerprint.of(keys);
    ServiceKeyTable table = KEY_SETS.asMap().computeIfAbsent(fp, f -> toTable(keys));
    return new FixedKeys(fp, filter(table, k -> name == null || name.designates(k.principal())),
        name);
  }

  static ServiceKeyTable filter(ServiceKeyTable table, Predicate<ServiceKey> keep) {
    List<ServiceKey> kept = new ArrayList<>();
    for (ServiceKey k : table.keys()) {
      if (keep.test(k)) {
        kept.add(k);
      }
    }
    return kept.size() == table.keys().size() ? table : ServiceKeyTable.of(kept);
  }

  /**
   * The enctypes tickets may use with these keys: the login module's policy where it made them
   * (its {@code allowRc4} option), else the JVM's krb5.conf ({@code allow_weak_crypto}), as the
   * JDK's own mechanism decides.
   */
  EnctypePolicy enctypePolicy() {
    return dev.krb5gss.config.Krb5Conf.forJvm().enctypePolicy();
  }

  /** Whether tickets must carry a PAC: the login module's {@code requirePac} where it made the keys. */
  boolean requirePac() {
    return false;
  }

  /**
   * The replay cache URI the credential names (the login module's {@code replayCache} option);
   * null: the {@code krb5gss.replayCache} property, else the JVM-wide in-memory cache.
   */
  String replayCacheUri() {
    return null;
  }

  static PrincipalName principal(KerberosPrincipal p) {
    return PrincipalName.parse(p.getName(), "");
  }

  private static ServiceKeyTable toTable(List<KerberosKey> keys) {
    List<ServiceKey> out = new ArrayList<>();
    for (KerberosKey k : keys) {
      byte[] raw = k.getEncoded();
      out.add(new ServiceKey(principal(k.getPrincipal()), k.getVersionNumber(),
          EncType.of(k.getKeyType()), SecretBytes.copyOf(raw)));
      Arrays.fill(raw, (byte) 0);
    }
    return ServiceKeyTable.of(out);
  }

  /** A keytab file, re-read by {@link KeytabCache} only when its identity, size or mtime change. */
  private static final class KeytabKeys extends AcceptorKeys {
    private final Path file;
    private final PrincipalName bound;
    private final KerberosNameElement name;
    private volatile ServiceKeyTable lastLoaded;
    private volatile ServiceKeyTable lastFiltered;

    KeytabKeys(Path file, PrincipalName bound, KerberosNameElement name) {
      this.file = file;
      this.bound = bound;
      this.name = name;
    }

    ServiceKeyTable reload() throws IOException, KeytabFormatException {
      return filtered(KeytabCache.recent(file));
    }

    private ServiceKeyTable filtered(ServiceKeyTable loaded) {
      if (loaded != lastLoaded) {
        lastFiltered = filter(loaded, k -> (bound == null || bound.equals(k.principal()))
            && (name == null || name.designates(k.principal())));
        lastLoaded = loaded;
      }
      return lastFiltered;
    }

    /** The last read failure's message: one warning per change of the file's problem. */
    private volatile String problem;

    @Override
    public ServiceKeyTable current() {
      try {
        ServiceKeyTable table = reload();
        if (lastLoaded.isEmpty() && kept != null) {
          warnOnce("the keytab holds no keys (being rewritten?)");
          return kept;
        }
        if (problem != null) {
          problem = null;
          System.getLogger(AcceptorKeys.class.getName()).log(Level.INFO,
              "keytab " + file + " is readable again");
        }
        kept = table;
        return table;
      } catch (IOException | KeytabFormatException e) {
        warnOnce(e instanceof java.nio.file.NoSuchFileException ? "the file is missing"
            : e.getMessage());
        return kept != null ? kept : lastFiltered;
      }
    }

    private void warnOnce(String now) {
      if (!now.equals(problem)) {
        problem = now;
        System.getLogger(AcceptorKeys.class.getName()).log(Level.WARNING,
            "keytab " + file + " became unreadable (" + now + "); keeping its last good keys");
      }
    }

    /** The keys of the last version of the file that held any (an empty file does not count). */
    private volatile ServiceKeyTable kept;

    @Override
    public ServiceKeyTable checkedNow() {
      try {
        return filtered(KeytabCache.now(file));
      } catch (IOException | KeytabFormatException e) {
        return current();
      }
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof KeytabKeys && ((KeytabKeys) o).file.equals(file)
          && Objects.equals(((KeytabKeys) o).bound, bound)
          && Objects.equals(principalOf(((KeytabKeys) o).name), principalOf(name));
    }

    @Override
    public int hashCode() {
      return Objects.hash(file, bound, principalOf(name));
    }

    @Override
    public String toString() {
      return "keytab " + file + (bound == null ? " (unbound)" : " bound to " + bound);
    }
  }

  /** Keys handed over as {@link KerberosKey}s. */
  private static final class FixedKeys extends AcceptorKeys {
    private final Fingerprint fingerprint;
    private final ServiceKeyTable table;
    private final KerberosNameElement name;

    FixedKeys(Fingerprint fingerprint, ServiceKeyTable table, KerberosNameElement name) {
      this.fingerprint = fingerprint;
      this.table = table;
      this.name = name;
    }

    @Override
    public ServiceKeyTable current() {
      return table;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof FixedKeys && ((FixedKeys) o).fingerprint.equals(fingerprint)
          && Objects.equals(principalOf(((FixedKeys) o).name), principalOf(name));
    }

    @Override
    public int hashCode() {
      return fingerprint.hashCode();
    }

    @Override
    public String toString() {
      return "KerberosKeys" + table.principals();
    }
  }

  private static PrincipalName principalOf(KerberosNameElement name) {
    return name == null ? null : name.principal();
  }

  /** A SHA-256 over a key set's principals, kvnos, enctypes and key bytes; never shown. */
  private static final class Fingerprint {
    private final byte[] digest;

    private Fingerprint(byte[] digest) {
      this.digest = digest;
    }

    static Fingerprint of(List<KerberosKey> keys) {
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
        return new Fingerprint(md.digest());
      } catch (NoSuchAlgorithmException e) {
        throw new InternalFaultException("SHA-256 is missing from this JVM", e);
      }
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Fingerprint && MessageDigest.isEqual(((Fingerprint) o).digest, digest);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
      return "Fingerprint[redacted]";
    }
  }
}
