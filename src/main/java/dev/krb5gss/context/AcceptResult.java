package dev.krb5gss.context;

import java.util.Objects;

/**
 * One accept leg's status and the output token that must go back to the client on this leg
 * (SSPI: "any output buffer must be sent back"; RFC 2743 §2.2.2 output_token). The token may be
 * empty (nothing to send), never null.
 */
public final class AcceptResult {
  private static final byte[] EMPTY = new byte[0];

  private final AcceptStatus status;
  private final byte[] outputToken;

  AcceptResult(AcceptStatus status, byte[] outputToken) {
    this.status = Objects.requireNonNull(status, "status");
    this.outputToken = outputToken == null ? EMPTY : outputToken;
  }

  public AcceptStatus status() {
    return status;
  }

  /** The token to send to the client (a copy; empty when there is nothing to send). */
  public byte[] outputToken() {
    return outputToken.clone();
  }

  public boolean hasOutputToken() {
    return outputToken.length > 0;
  }

  @Override
  public String toString() {
    return "AcceptResult[" + status + ", " + outputToken.length + "-byte output token]";
  }
}
