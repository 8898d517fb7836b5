package dev.krb5gss.keytab;

/**
 * Where an acceptor's service keys come from: a fixed table, or a keytab file that is re-read
 * when it changes. Implementations are thread-safe and cheap to call on every accept.
 */
public interface KeySource {
  /** The keys to use now. */
  ServiceKeyTable current();
}
