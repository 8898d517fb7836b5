package dev.krb5gss.interop;

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

  /** The line the server logs for this failure. */
  public String logLine() {
    return stage + ": " + exception + " (major " + major + ", minor " + minor + "): " + message;
  }
}
