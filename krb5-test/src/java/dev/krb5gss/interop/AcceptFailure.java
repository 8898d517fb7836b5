package dev.krb5gss.interop;

import java.util.Optional;
import org.ietf.jgss.GSSException;

/**
 * Why an acceptor refused a connection: where it happened, the GSS-API major and minor status
 * (RFC 2743 §1.2.1) and the exception's message, exactly as the server logged it.
 */
public record AcceptFailure(String stage, String exception, int major, int minor, String message) {

  /** The failure a caught exception describes. */
  public static AcceptFailure of(String stage, Exception e) {
    if (e instanceof GSSException gss) {
      return new AcceptFailure(stage, e.getClass().getName(), gss.getMajor(), gss.getMinor(),
          gss.getMessage());
    }
    return new AcceptFailure(stage, e.getClass().getName(), GSSException.FAILURE, 0,
        String.valueOf(e.getMessage()));
  }

  /**
   * The line the server logs for this failure; krb5gss minor codes are followed by their
   * {@code dev.krb5gss.error.Reason} name when that class is present.
   */
  public String logLine() {
    return stage + ": " + exception + " (major " + major + ", minor " + minor + "): " + message
        + reasonName().map(name -> " [reason " + name + "]").orElse("");
  }

  /** The krb5gss reason behind the minor code, if krb5gss raised this failure. */
  public Optional<String> reasonName() {
    try {
      Class<?> reasons = Class.forName("dev.krb5gss.error.Reason");
      Object decoded = reasons.getMethod("fromMinorCode", int.class).invoke(null, minor);
      return ((Optional<?>) decoded).map(Object::toString);
    } catch (ReflectiveOperationException | ClassCastException e) {
      return Optional.empty();
    }
  }
}
