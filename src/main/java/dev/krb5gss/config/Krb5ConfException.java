package dev.krb5gss.config;

/** A krb5.conf that cannot be read or is not in the profile format; the message names file and line. */
public final class Krb5ConfException extends Exception {
  private static final long serialVersionUID = 1L;

  public Krb5ConfException(String message) {
    super(message);
  }

  public Krb5ConfException(String message, Throwable cause) {
    super(message, cause);
  }
}
