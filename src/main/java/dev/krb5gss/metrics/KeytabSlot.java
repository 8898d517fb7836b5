package dev.krb5gss.metrics;

import dev.krb5gss.keytab.ServiceKey;
import dev.krb5gss.name.PrincipalName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bounded stand-in for a service principal in a metric tag: its service class (the first name
 * component, e.g. {@code HTTP}; {@code none} for a one-component principal) and its index among
 * the principals of that class, sorted by name ({@code HTTP}/0 for the usual single SPN). The
 * {@code krb5gss keytab} command prints the same service/index beside each principal.
 */
record KeytabSlot(String service, int index) {

  /** The slot of each principal, and the newest kvno the keys hold for it. */
  static Map<KeytabSlot, Integer> newestKvnos(Collection<ServiceKey> keys) {
    Map<PrincipalName, Integer> newest = new TreeMap<>(Comparator.comparing(Object::toString));
    for (ServiceKey k : keys) {
      newest.merge(k.principal(), k.kvno(), Math::max);
    }
    Map<String, List<PrincipalName>> byService = new TreeMap<>();
    newest.keySet().forEach(p -> byService.computeIfAbsent(serviceOf(p), s -> new ArrayList<>())
        .add(p));
    Map<KeytabSlot, Integer> slots = new LinkedHashMap<>();
    byService.forEach((service, principals) -> {
      for (int i = 0; i < principals.size(); i++) {
        slots.put(new KeytabSlot(service, i), newest.get(principals.get(i)));
      }
    });
    return slots;
  }

  /** The service class of a principal: its first component when it has two or more. */
  static String serviceOf(PrincipalName p) {
    return p.components().size() > 1 ? p.components().get(0) : "none";
  }
}
