package dev.krb5gss.keytab;

import dev.krb5gss.crypto.EncType;
import dev.krb5gss.crypto.SecretBytes;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.name.PrincipalName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosKey;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KeyTab;

/**
 * Acceptor keys from a JAAS {@link Subject}, as the JDK's Krb5LoginModule (or ours) leaves them in
 * the private credentials: {@link KeyTab} objects (bound or unbound) and {@link KerberosKey}s
 * (RFC 4120 §7.5.5 service keys). A KeyTab whose file can be found is read through
 * {@link KeytabCache}, so a rotated keytab is picked up; one whose file cannot be found falls
 * back to {@link KeyTab#getKeys} for its bound principal.
 */
public final class SubjectKeys implements KeySource {
  private static final System.Logger LOG = System.getLogger(SubjectKeys.class.getName());

  private final List<Path> keytabFiles;
  private final ServiceKeyTable fixed;

  private SubjectKeys(List<Path> keytabFiles, ServiceKeyTable fixed) {
    this.keytabFiles = List.copyOf(keytabFiles);
    this.fixed = fixed;
  }

  /**
   * The keys in {@code subject}'s private credentials.
   *
   * @throws RejectedException NO_CREDENTIALS when it holds no usable KeyTab or KerberosKey
   */
  public static SubjectKeys from(Subject subject) throws RejectedException {
    Objects.requireNonNull(subject, "subject");
    List<Path> files = new ArrayList<>();
    List<ServiceKey> keys = new ArrayList<>();
    for (KeyTab keyTab : subject.getPrivateCredentials(KeyTab.class)) {
      Optional<Path> file = keytabFile(keyTab);
      if (file.isPresent()) {
        files.add(file.get());
      } else if (keyTab.getPrincipal() != null) {
        for (KerberosKey k : keyTab.getKeys(keyTab.getPrincipal())) {
          keys.add(convert(k));
        }
      }
    }
    for (KerberosKey k : subject.getPrivateCredentials(KerberosKey.class)) {
      if (!k.isDestroyed()) {
        keys.add(convert(k));
      }
    }
    SubjectKeys result = new SubjectKeys(files, ServiceKeyTable.of(keys));
    if (result.current().isEmpty()) {
      throw new RejectedException(Reason.NO_CREDENTIALS, "the Subject holds no usable service"
          + " keys (no readable KeyTab and no KerberosKey in its private credentials; log in with"
          + " isInitiator=false, useKeyTab=true, storeKey=true)");
    }
    return result;
  }

  /** A {@link KerberosKey} as a service key. */
  public static ServiceKey convert(KerberosKey key) {
    KerberosPrincipal p = key.getPrincipal();
    return new ServiceKey(PrincipalName.parse(p.getName(), p.getRealm()), key.getVersionNumber(),
        EncType.of(key.getKeyType()), SecretBytes.copyOf(key.getEncoded()));
  }

  /**
   * The file behind a KeyTab. {@code KeyTab} has no accessor; its {@code toString()} is the file
   * name, followed by {@code " for <principal>"} or {@code " for someone"} when bound (JDK 17-25).
   */
  public static Optional<Path> keytabFile(KeyTab keyTab) {
    String text = keyTab.toString();
    if (keyTab.isBound()) {
      String suffix = keyTab.getPrincipal() == null ? " for someone"
          : " for " + keyTab.getPrincipal();
      if (!text.endsWith(suffix)) {
        return Optional.empty();
      }
      text = text.substring(0, text.length() - suffix.length());
    }
    try {
      Path path = Paths.get(text);
      return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public ServiceKeyTable current() {
    return merged(false);
  }

  @Override
  public ServiceKeyTable checkedNow() {
    return merged(true);
  }

  private ServiceKeyTable merged(boolean now) {
    ServiceKeyTable table = fixed;
    for (Path file : keytabFiles) {
      try {
        ServiceKeyTable loaded = now ? KeytabCache.now(file) : KeytabCache.recent(file);
        table = table.isEmpty() ? loaded : table.mergedWith(loaded);
      } catch (IOException | KeytabFormatException e) {
        LOG.log(System.Logger.Level.WARNING, "cannot read keytab {0}: {1}", file, e.getMessage());
      }
    }
    return table;
  }

  @Override
  public String toString() {
    return "SubjectKeys" + keytabFiles + " + " + fixed;
  }
}
