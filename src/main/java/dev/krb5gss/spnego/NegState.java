package dev.krb5gss.spnego;

import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;

/** NegTokenResp negState, RFC 4178 §4.2.2. */
public enum NegState {
  ACCEPT_COMPLETED(0),
  ACCEPT_INCOMPLETE(1),
  REJECT(2),
  REQUEST_MIC(3);

  private final int wire;

  NegState(int wire) {
    this.wire = wire;
  }

  public int wire() {
    return wire;
  }

  static NegState fromWire(int value) throws RejectedException {
    for (NegState s : values()) {
      if (s.wire == value) {
        return s;
      }
    }
    throw new RejectedException(Reason.MALFORMED_TOKEN,
        "NegTokenResp: expected negState 0-3, got " + value);
  }
}
