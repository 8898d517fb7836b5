package dev.krb5gss.keytab;

/** A keytab file that is not in the MIT keytab format, or is truncated or inconsistent. */
public final class KeytabFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public KeytabFormatException(String message) {
    super(message);
  }
}
