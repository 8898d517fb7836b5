package dev.krb5gss.keytab;

import java.util.List;

/**
 * Several key sources as one (e.g. the keytabs of two services behind one acceptor, or every
 * KeyTab and KerberosKey of a Subject); earlier sources win where two hold a key of the same
 * principal, kvno and enctype. The merge is made again only when a source hands out another
 * table instance (sources hand out one table per keytab version), so an accept that finds every
 * source unchanged allocates nothing.
 */
public final class MergedKeys implements KeySource {
  private final List<KeySource> sources;
  /** The last merge and the source tables it was made from. */
  private volatile Merge last;

  private MergedKeys(List<KeySource> sources) {
    this.sources = List.copyOf(sources);
  }

  /** The sources as one; a single source is returned as it is. */
  public static KeySource of(List<? extends KeySource> sources) {
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("expected at least one key source, got none");
    }
    return sources.size() == 1 ? sources.get(0) : new MergedKeys(List.copyOf(sources));
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
    Merge m = last;
    ServiceKeyTable[] inputs = null;
    for (int i = 0; i < sources.size(); i++) {
      ServiceKeyTable t = now ? sources.get(i).checkedNow() : sources.get(i).current();
      if (inputs == null && (m == null || m.inputs[i] != t)) {
        inputs = new ServiceKeyTable[sources.size()];
        if (m != null) {
          System.arraycopy(m.inputs, 0, inputs, 0, i);
        }
      }
      if (inputs != null) {
        inputs[i] = t;
      }
    }
    if (inputs == null) {
      return m.table;
    }
    ServiceKeyTable table = inputs[0];
    for (int i = 1; i < inputs.length; i++) {
      table = table.isEmpty() ? inputs[i] : table.mergedWith(inputs[i]);
    }
    last = new Merge(inputs, table);
    return table;
  }

  /** A merged table and the exact source table instances it was made from. */
  private record Merge(ServiceKeyTable[] inputs, ServiceKeyTable table) {}

  @Override
  public String toString() {
    return "keys" + sources;
  }
}
