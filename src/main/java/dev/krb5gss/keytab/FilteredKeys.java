package dev.krb5gss.keytab;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A source restricted to some principals; filtered again only when the source's table changes. */
final class FilteredKeys implements KeySource {
  private final KeySource source;
  private final Predicate<ServiceKey> keep;
  private volatile Seen seen;

  FilteredKeys(KeySource source, Predicate<ServiceKey> keep) {
    this.source = source;
    this.keep = keep;
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
    Seen s = seen;
    if (s != null && s.table == table) {
      return s.kept;
    }
    List<ServiceKey> kept = new ArrayList<>();
    for (ServiceKey k : table.keys()) {
      if (keep.test(k)) {
        kept.add(k);
      }
    }
    ServiceKeyTable result = kept.size() == table.keys().size() ? table : ServiceKeyTable.of(kept);
    seen = new Seen(table, result);
    return result;
  }

  @Override
  public String toString() {
    return "filtered " + source;
  }

  private record Seen(ServiceKeyTable table, ServiceKeyTable kept) {}
}
