package dev.krb5gss.web;

/**
 * A container attribute (Tomcat valve attribute, Jetty XML property) of a web adapter has a value
 * the adapter cannot use: the message names the attribute, the value and the accepted values.
 * The container fails its start with it, so a typo never leaves authentication half-configured.
 */
public final class InvalidSettingException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String attribute;

  InvalidSettingException(String attribute, String message, Throwable cause) {
    super(message, cause);
    this.attribute = attribute;
  }

  /** The attribute at fault, e.g. {@code maxSkew}; {@code *} for a contradiction between several. */
  public String attribute() {
    return attribute;
  }
}
