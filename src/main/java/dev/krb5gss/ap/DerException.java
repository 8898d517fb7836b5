package dev.krb5gss.ap;

/** A DER encoding that does not parse (X.690 §8, §10): bad tag, bad length, bytes past the end. */
final class DerException extends Exception {
  private static final long serialVersionUID = 1L;

  DerException(String message) {
    super(message);
  }
}
