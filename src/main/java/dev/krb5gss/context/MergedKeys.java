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

  MergedKeys(List<KeySource> sources) {
    this.sources = List.copyOf(sources);
  }

  @Override
  public ServiceKeyTable current() {
    ServiceKeyTable table = sources.get(0).current();
    for (int i = 1; i < sources.size(); i++) {
      table = table.mergedWith(sources.get(i).current());
    }
    return table;
  }

  @Override
  public String toString() {
    return "keys" + sources;
  }
}
