package dev.krb5gss.keytab;

import dev.krb5gss.crypto.EncType;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.name.PrincipalName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An immutable set of service keys, looked up by a ticket's server name, kvno and enctype
 * (RFC 4120 §3.2.3: "the server key ... selected by the kvno and etype"). A failed lookup says
 * exactly which of the three did not match and what the keytab holds instead.
 */
public final class ServiceKeyTable implements KeySource {
  /** How many principals a message lists at most. */
  public static final int SAMPLE_SIZE = 3;

  private final Map<PrincipalName, List<ServiceKey>> byPrincipal;
  /** {@link #principalsSharing} per key (identity), computed on first use: tables are cached. */
  private final Map<ServiceKey, Set<PrincipalName>> sharing =
      new java.util.concurrent.ConcurrentHashMap<>();

  private ServiceKeyTable(Map<PrincipalName, List<ServiceKey>> byPrincipal) {
    this.byPrincipal = byPrincipal;
  }

  /** A table of these keys (newest kvno first per principal). */
  public static ServiceKeyTable of(List<ServiceKey> keys) {
    Map<PrincipalName, List<ServiceKey>> map = new LinkedHashMap<>();
    for (ServiceKey k : keys) {
      map.computeIfAbsent(k.principal(), p -> new ArrayList<>()).add(k);
    }
    map.replaceAll((p, list) -> List.copyOf(list.stream()
        .sorted(Comparator.comparingInt(ServiceKey::kvno).reversed())
        .collect(Collectors.toList())));
    return new ServiceKeyTable(java.util.Collections.unmodifiableMap(map));
  }

  /** This table with {@code older}'s keys added where this one has no key of that kvno and enctype. */
  public ServiceKeyTable mergedWith(ServiceKeyTable older) {
    List<ServiceKey> all = new ArrayList<>(keys());
    for (ServiceKey k : older.keys()) {
      boolean shadowed = all.stream().anyMatch(n -> n.principal().equals(k.principal())
          && n.kvno() == k.kvno() && n.encType().equals(k.encType()));
      if (!shadowed) {
        all.add(k);
      }
    }
    return of(all);
  }

  @Override
  public ServiceKeyTable current() {
    return this;
  }

  /** The principals, in a stable order (sorted by name) so messages read the same every run. */
  public Set<PrincipalName> principals() {
    return byPrincipal.keySet().stream()
        .sorted(Comparator.comparing(PrincipalName::toString))
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  public List<ServiceKey> keys() {
    List<ServiceKey> all = new ArrayList<>();
    byPrincipal.values().forEach(all::addAll);
    return all;
  }

  public List<ServiceKey> keysFor(PrincipalName principal) {
    return byPrincipal.getOrDefault(principal, List.of());
  }

  public boolean isEmpty() {
    return byPrincipal.isEmpty();
  }

  /**
   * The other principals holding the same key bytes of the same enctype as {@code key} (any
   * kvno), sorted by name. A ticket that {@code key} decrypts may have been issued for any of
   * them: the ticket's sname and kvno travel in clear (RFC 4120 §5.3), and an account with several
   * SPNs (the usual Active Directory case) has one key for all of them. Keys are compared in
   * constant time.
   */
  public Set<PrincipalName> principalsSharing(ServiceKey key) {
    return sharing.computeIfAbsent(key, this::computeSharing);
  }

  private Set<PrincipalName> computeSharing(ServiceKey key) {
    Set<PrincipalName> sharing = new java.util.TreeSet<>(
        Comparator.comparing(PrincipalName::toString));
    for (ServiceKey k : keys()) {
      if (!k.principal().equals(key.principal()) && k.encType().equals(key.encType())
          && k.secret().length() == key.secret().length() && k.secret().equalsSecret(key.secret())) {
        sharing.add(k.principal());
      }
    }
    return java.util.Collections.unmodifiableSet(sharing);
  }

  /**
   * The key for a ticket encrypted for {@code server} with {@code encType} and {@code kvno}
   * ({@code null} when the ticket carries none: the newest key of that enctype).
   */
  public ServiceKey select(PrincipalName server, Integer kvno, EncType encType)
      throws RejectedException {
    List<ServiceKey> keys = keysFor(server);
    for (int i = 0; i < keys.size(); i++) {  // newest first: the usual case, no message built
      ServiceKey k = keys.get(i);
      if (k.encType().equals(encType) && (kvno == null || k.kvno() == kvno)) {
        return k;
      }
    }
    if (keys.isEmpty()) {
      throw new RejectedException(Reason.SERVICE_NOT_IN_KEYTAB, "the ticket is for " + server
          + ", which has no key in the keytab; it holds " + sample(principals())
          + " (check the SPN the client used and the keytab's principals)");
    }
    List<ServiceKey> sameType = keys.stream().filter(k -> k.encType().equals(encType))
        .collect(Collectors.toList());
    if (sameType.isEmpty()) {
      throw new RejectedException(Reason.ENCTYPE_NOT_IN_KEYTAB, "the ticket for " + server
          + " is encrypted with " + encType.mitName() + ", but the keytab holds only "
          + encTypes(keys) + " for it (re-export the keytab with that enctype, or fix the "
          + "account's enctypes on the KDC)");
    }
    // the loop above returned any key of this enctype with the ticket's kvno (or none given)
    int newest = sameType.get(0).kvno();
    String stale = kvno > newest
        ? "the keytab is stale: the KDC has a newer key; re-export the keytab"
        : "the client's ticket is older than the keytab's keys: the client should get a new "
            + "ticket (kdestroy/kinit, or purge its ticket cache)";
    throw new RejectedException(Reason.KVNO_MISMATCH, "the ticket for " + server
        + " has kvno " + kvno + " (" + encType.mitName() + "), the keytab has kvno "
        + sameType.stream().map(k -> String.valueOf(k.kvno())).collect(Collectors.joining(", "))
        + ": " + stale);
  }

  /**
   * At most {@link #SAMPLE_SIZE} names and how many there are in all, e.g.
   * {@code [a@R, b@R, c@R, ... (12 in all)]}: a message names a few principals, never a whole
   * keytab (a log line must not grow with the keytab).
   */
  public static String sample(java.util.Collection<PrincipalName> names) {
    StringBuilder sb = new StringBuilder("[");
    int i = 0;
    for (PrincipalName p : names) {
      if (i == SAMPLE_SIZE) {
        sb.append(", ...");
        break;
      }
      sb.append(i++ > 0 ? ", " : "").append(p);
    }
    sb.append(']');
    if (names.size() > SAMPLE_SIZE) {
      sb.append(" (").append(names.size()).append(" in all)");
    }
    return sb.toString();
  }

  private static String encTypes(List<ServiceKey> keys) {
    return keys.stream().map(k -> k.encType().mitName()).distinct()
        .collect(Collectors.joining(", ", "[", "]"));
  }

  @Override
  public String toString() {
    return "ServiceKeyTable" + principals();
  }
}
