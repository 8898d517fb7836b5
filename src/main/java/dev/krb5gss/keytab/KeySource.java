package dev.krb5gss.keytab;

/**
 * Where an acceptor's service keys come from: a fixed table, or a keytab file that is re-read
 * when it changes. Implementations are thread-safe and cheap to call on every accept.
 */
public interface KeySource {
  /** The keys to use now. */
  ServiceKeyTable current();

  /**
   * The keys after looking at their files now, whatever the usual check interval: asked when a
   * ticket names a principal, kvno or enctype {@link #current()} lacks, so a keytab rotated a
   * moment ago serves its new key at once (RFC 4120 §7.5.5). Implementations may limit how often
   * a miss makes them look (a flood of bogus kvnos must not turn into a flood of file reads).
   */
  default ServiceKeyTable checkedNow() {
    return current();
  }
}
