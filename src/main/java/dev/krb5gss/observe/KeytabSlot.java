package dev.krb5gss.observe;

import dev.krb5gss.name.PrincipalName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bounded stand-in for a service principal in a metric tag (a principal name, an SPN, must
 * never be a tag value): its service class, the first name component such as {@code HTTP}
 * ({@code none} for a one-component principal), and its index among the principals of that class
 * sorted by name ({@code HTTP}/0 for the usual single SPN). The {@code krb5gss keytab} command
 * prints the slot beside each principal, so an operator can map a gauge back to its SPN.
 */
public record KeytabSlot(String service, int index) {

  /** The slot of each of these principals, sorted by name. */
  public static Map<PrincipalName, KeytabSlot> of(Collection<PrincipalName> principals) {
    Map<String, List<PrincipalName>> byService = new TreeMap<>();
    principals.stream().distinct().sorted(Comparator.comparing(Object::toString))
        .forEach(p -> byService.computeIfAbsent(serviceOf(p), s -> new ArrayList<>()).add(p));
    Map<PrincipalName, KeytabSlot> slots = new LinkedHashMap<>();
    byService.forEach((service, list) -> {
      for (int i = 0; i < list.size(); i++) {
        slots.put(list.get(i), new KeytabSlot(service, i));
      }
    });
    return slots;
  }

  /** The service class of a principal: its first component when it has two or more. */
  public static String serviceOf(PrincipalName p) {
    return p.components().size() > 1 ? p.components().get(0) : "none";
  }

  @Override
  public String toString() {
    return "service=" + service + ",index=" + index;
  }
}
