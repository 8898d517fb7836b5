package dev.krb5gss.jaas;

import static dev.krb5gss.jaas.KeytabLoginException.Problem.KEYTAB_MALFORMED;
import static dev.krb5gss.jaas.KeytabLoginException.Problem.KEYTAB_MISSING;
import static dev.krb5gss.jaas.KeytabLoginException.Problem.KEYTAB_UNREADABLE;
import static dev.krb5gss.jaas.KeytabLoginException.Problem.NO_PERMITTED_ENCTYPE;
import static dev.krb5gss.jaas.KeytabLoginException.Problem.PRINCIPAL_NOT_ALLOWED;
import static dev.krb5gss.jaas.KeytabLoginException.Problem.PRINCIPAL_NOT_IN_KEYTAB;

import dev.krb5gss.crypto.EncType;
import dev.krb5gss.crypto.EnctypePolicy;
import dev.krb5gss.keytab.AcceptorKeys;
import dev.krb5gss.keytab.KeySource;
import dev.krb5gss.keytab.KeytabCache;
import dev.krb5gss.keytab.KeytabFormatException;
import dev.krb5gss.keytab.ReloadingKeytab;
import dev.krb5gss.keytab.ServiceKey;
import dev.krb5gss.keytab.ServiceKeyTable;
import dev.krb5gss.name.PrincipalName;
import dev.krb5gss.name.PrincipalPattern;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KeyTab;

/**
 * The checks a login makes, in order, each failing with a message a person can act on: the
 * keytab file exists and is readable, parses as a keytab (MIT format), holds the principals, the
 * allowlist admits them, and each has a key the enctype policy permits. Reads only the file:
 * no KDC contact.
 */
final class KeytabCheck {
  private static final System.Logger LOG = System.getLogger(KeytabLoginModule.class.getName());

  private final LoginOptions options;
  private final KeytabLocation location;
  private final Names names;
  private final EnctypePolicy policy;
  private final Level detail;

  KeytabCheck(LoginOptions options, KeytabLocation location, Names names) {
    this.options = options;
    this.location = location;
    this.names = names;
    this.policy = options.allowRc4 ? EnctypePolicy.defaultsWithRc4() : EnctypePolicy.defaults();
    this.detail = options.debug ? Level.INFO : Level.DEBUG;
  }

  /** Runs every check and returns what the login will add to the Subject. */
  Grant run() throws KeytabLoginException {
    Path path = location.path;
    KeySource source = options.reload ? lastGood(path) : null;
    if (source == null) {
      checkFile(path);
      source = load(path);
    }
    ServiceKeyTable table = source.current();
    if (LOG.isLoggable(detail)) {
      LOG.log(detail, "keytab {0} ({1}) holds {2}", path, location.source, describe(table));
    }
    List<PrincipalPattern> allowed = names.patterns(options.allowed);
    Set<PrincipalName> chosen = choose(table, allowed);
    checkEnctypes(table, chosen);
    return grant(path, source, chosen, allowed);
  }

  /**
   * The keys of a keytab this JVM read before, while its file is unusable (truncated or empty
   * mid-rewrite, briefly missing): {@link LastGoodKeys} decides for how long; the reloading
   * source itself warns once per file version it failed to read. Null when the file was never
   * valid in this JVM (the normal checks then report the problem).
   */
  private KeySource lastGood(Path path) throws KeytabLoginException {
    ReloadingKeytab known = ReloadingKeytab.sharedIfOpen(path, options.reloadInterval)
        .orElse(null);
    if (known == null) {
      return null;
    }
    try {
      known.reloadNow();
      LastGoodKeys.valid(known.path());
      return known;
    } catch (IOException | KeytabFormatException e) {
      if (known.current().isEmpty() || !LastGoodKeys.stillUsable(known.path())) {
        try {
          checkFile(path);
          return load(path);
        } catch (KeytabLoginException fresh) {
          throw KeytabLoginException.of(fresh.problem(), fresh.getMessage() + " (the keys read "
              + "before were kept for " + LastGoodKeys.GRACE.toMinutes() + " minutes of "
              + "failures and are no longer used)");
        }
      }
      LOG.log(detail, "keytab {0} is unusable now ({1}); serving the keys read before", path,
          e.getMessage());
      return known;
    }
  }

  private void checkFile(Path path) throws KeytabLoginException {
    String user = System.getProperty("user.name");
    if (!Files.exists(path)) {
      throw KeytabLoginException.of(KEYTAB_MISSING, "KeytabLoginModule: keytab " + path
          + " does not exist (from " + location.source + "; running as user '" + user + "')");
    }
    if (Files.isDirectory(path)) {
      throw KeytabLoginException.of(KEYTAB_UNREADABLE, "KeytabLoginModule: keytab " + path
          + " is a directory, not a keytab file (from " + location.source + ")");
    }
    if (!Files.isReadable(path)) {
      throw KeytabLoginException.of(KEYTAB_UNREADABLE, "KeytabLoginModule: keytab " + path
          + " is not readable by user '" + user + "'" + ownership(path)
          + ": grant that user read access (e.g. chown or chmod 0400 for the service account)");
    }
  }

  private static String ownership(Path path) {
    try {
      PosixFileAttributes a = Files.readAttributes(path, PosixFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS);
      return " (owner " + a.owner().getName() + ", group " + a.group().getName() + ", mode "
          + PosixFilePermissions.toString(a.permissions()) + ")";
    } catch (IOException | UnsupportedOperationException e) {
      return "";
    }
  }

  private KeySource load(Path path) throws KeytabLoginException {
    try {
      return options.reload ? ReloadingKeytab.shared(path, options.reloadInterval)
          : KeytabCache.load(path);
    } catch (KeytabFormatException e) {
      throw KeytabLoginException.of(KEYTAB_MALFORMED, "KeytabLoginModule: " + path
          + " is not a valid keytab (" + e.getMessage() + "); re-export it with kadmin ktadd, "
          + "ktutil or ktpass");
    } catch (IOException e) {
      throw KeytabLoginException.of(KEYTAB_UNREADABLE, "KeytabLoginModule: cannot read keytab "
          + path + " as user '" + System.getProperty("user.name") + "': " + e);
    }
  }

  private Set<PrincipalName> choose(ServiceKeyTable table, List<PrincipalPattern> allowed)
      throws KeytabLoginException {
    if (table.isEmpty()) {
      throw KeytabLoginException.of(PRINCIPAL_NOT_IN_KEYTAB, "KeytabLoginModule: keytab "
          + location.path + " holds no keys; export the service's keys into it");
    }
    if (options.anyPrincipal()) {
      Set<PrincipalName> admitted = table.principals().stream()
          .filter(p -> allowed.isEmpty() || allowed.stream().anyMatch(a -> a.matches(p)))
          .collect(Collectors.toCollection(LinkedHashSet::new));
      if (admitted.isEmpty()) {
        throw KeytabLoginException.of(PRINCIPAL_NOT_ALLOWED, "KeytabLoginModule: allowedPrincipals "
            + allowed + " admits none of the principals in keytab " + location.path + ": "
            + table.principals());
      }
      return admitted;
    }
    Set<PrincipalName> wanted = new LinkedHashSet<>();
    for (String text : options.principals) {
      PrincipalName p = names.principal(text);
      if (table.keysFor(p).isEmpty()) {
        throw KeytabLoginException.of(PRINCIPAL_NOT_IN_KEYTAB, "KeytabLoginModule: keytab "
            + location.path + " holds no key for " + p + "; it holds " + table.principals()
            + " (fix the principal option, or export " + p + "'s keys into the keytab)");
      }
      if (!allowed.isEmpty() && allowed.stream().noneMatch(a -> a.matches(p))) {
        throw KeytabLoginException.of(PRINCIPAL_NOT_ALLOWED, "KeytabLoginModule: principal " + p
            + " is not admitted by allowedPrincipals " + allowed);
      }
      wanted.add(p);
    }
    return wanted;
  }

  private void checkEnctypes(ServiceKeyTable table, Set<PrincipalName> chosen)
      throws KeytabLoginException {
    List<PrincipalName> usable = new ArrayList<>();
    String lastRefusal = null;
    for (PrincipalName p : chosen) {
      List<ServiceKey> keys = table.keysFor(p);
      List<EncType> types = keys.stream().map(ServiceKey::encType).distinct()
          .collect(Collectors.toList());
      if (types.stream().anyMatch(policy::permits)) {
        usable.add(p);
        if (types.stream().allMatch(EncType.RC4_HMAC::equals)) {
          LOG.log(Level.WARNING, "keytab {0} holds only rc4-hmac keys for {1}: rc4-hmac (RFC 4757,"
              + " deprecated by RFC 8429) is weak; give the account AES keys and re-export",
              location.path, p);
        }
      } else {
        lastRefusal = "keytab " + location.path + " holds for " + p + " only " + names(types)
            + ", which the enctype policy refuses: " + refusal(types);
        if (!options.anyPrincipal()) {
          throw KeytabLoginException.of(NO_PERMITTED_ENCTYPE, "KeytabLoginModule: " + lastRefusal);
        }
        LOG.log(Level.WARNING, "{0}; that principal will not be usable", lastRefusal);
      }
    }
    if (usable.isEmpty()) {
      throw KeytabLoginException.of(NO_PERMITTED_ENCTYPE, "KeytabLoginModule: " + lastRefusal);
    }
  }

  private String refusal(List<EncType> types) {
    String permitted = policy.permitted().stream().map(EncType::mitName)
        .collect(Collectors.joining(", "));
    String fix = types.contains(EncType.RC4_HMAC) && !options.allowRc4
        ? "rc4-hmac is off by default; set allowRc4=true if the account cannot have AES keys yet,"
            + " or better, give it AES keys (Active Directory: msDS-SupportedEncryptionTypes on"
            + " the service account, then reset its password) and re-export the keytab"
        : "give the account AES keys on the KDC and re-export the keytab";
    return "permitted are " + permitted + "; " + fix;
  }

  private static String names(List<EncType> types) {
    return types.stream().map(EncType::mitName).collect(Collectors.joining(", "));
  }

  private Grant grant(Path path, KeySource source, Set<PrincipalName> chosen,
      List<PrincipalPattern> allowed) {
    List<KerberosPrincipal> kps = new ArrayList<>();
    List<KeyTab> keyTabs = new ArrayList<>();
    AcceptorKeys keys;
    if (options.anyPrincipal() && allowed.isEmpty()) {
      keyTabs.add(KeyTab.getUnboundInstance(path.toFile()));
      keys = AcceptorKeys.unbound(source, allowed, policy);
    } else {
      for (PrincipalName p : chosen) {
        if (p.realm().isEmpty()) {
          LOG.log(Level.WARNING, "keytab {0}: {1} has no realm; the JDK's mechanism cannot use it",
              path, p);
          continue;
        }
        KerberosPrincipal kp;
        try {
          kp = new KerberosPrincipal(p.toString()); // NT-PRINCIPAL: no DNS
        } catch (IllegalArgumentException e) {
          LOG.log(Level.WARNING, "keytab {0}: {1} is not a name the JDK accepts ({2}); skipped",
              path, p, e.getMessage());
          continue;
        }
        kps.add(kp);
        keyTabs.add(KeyTab.getInstance(kp, path.toFile()));
      }
      keys = options.anyPrincipal() ? AcceptorKeys.unbound(source, allowed, policy)
          : AcceptorKeys.bound(source, chosen, policy);
    }
    keys = keys.requiringPac(options.requirePac);
    if (options.replayCache != null) {
      keys = keys.withReplayCache(options.replayCache);
    }
    return new Grant(kps, keyTabs, keys);
  }

  private static String describe(ServiceKeyTable table) {
    return table.keys().stream()
        .map(k -> k.principal() + " kvno " + k.kvno() + " " + k.encType().mitName())
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
