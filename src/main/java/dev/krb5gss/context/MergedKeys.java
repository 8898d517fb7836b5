package dev.krb5gss.context;

import dev.krb5gss.keytab.KeySource;
import dev.krb5gss.keytab.ServiceKeyTable;
import java.util.List;

/**
 * Several key sources as one (e.g. the keytabs of two services behind one acceptor); earlier
 * sources win where two hold a key of the same principal, kvno and enctype.
 */
final class MergedKeys implements KeySource {
  private final List<KeySource> sources;
  /** The last merge and the source tables it was made from: merged again only when one changes. */
  private volatile Merge last;

  MergedKeys(List<KeySource> sources) {
    this.sources = List.copyOf(sources);
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
    ServiceKeyTable[] inputs = new ServiceKeyTable[sources.size()];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = now ? sources.get(i).checkedNow() : sources.get(i).current();
    }
    Merge m = last;
    if (m != null && m.madeFrom(inputs)) {
      return m.table;
    }
    ServiceKeyTable table = inputs[0];
    for (int i = 1; i < inputs.length; i++) {
      table = table.mergedWith(inputs[i]);
    }
    last = new Merge(inputs, table);
    return table;
  }

  private static final class Merge {
    final ServiceKeyTable[] inputs;
    final ServiceKeyTable table;

    Merge(ServiceKeyTable[] inputs, ServiceKeyTable table) {
      this.inputs = inputs;
      this.table = table;
    }

    /** Same source tables, by identity: the sources hand out one table per keytab version. */
    boolean madeFrom(ServiceKeyTable[] others) {
      for (int i = 0; i < inputs.length; i++) {
        if (inputs[i] != others[i]) {
          return false;
        }
      }
      return true;
    }
  }

  @Override
  public String toString() {
    return "keys" + sources;
  }
}
