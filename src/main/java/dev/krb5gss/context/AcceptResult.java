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
  /**
   * When not null, the token is this Kerberos session's AP-REP, which the session keeps and copies
   * on each request: one copy per {@link #outputToken()} call, none made in between.
   */
  private final Krb5Session reply;

  AcceptResult(AcceptStatus status, byte[] outputToken) {
    this.status = Objects.requireNonNull(status, "status");
    this.outputToken = outputToken == null ? EMPTY : outputToken;
    this.reply = null;
  }

  AcceptResult(AcceptStatus status, Krb5Session reply) {
    this.status = Objects.requireNonNull(status, "status");
    this.outputToken = null;
    this.reply = Objects.requireNonNull(reply, "reply");
  }

  public AcceptStatus status() {
    return status;
  }

  /** The token to send to the client (a copy; empty when there is nothing to send). */
  public byte[] outputToken() {
    return reply != null ? reply.outputToken() : outputToken.clone();
  }

  public boolean hasOutputToken() {
    return length() > 0;
  }

  private int length() {
    return reply != null ? reply.outputTokenLength() : outputToken.length;
  }

  @Override
  public String toString() {
    return "AcceptResult[" + status + ", " + length() + "-byte output token]";
  }
}
