package dev.krb5gss.context;

import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;

/**
 * Raw Kerberos V5 (RFC 4121 §4.1): one leg, the AP-REQ in and the AP-REP (if mutual) out; as a
 * GSS mechanism, or as IIS forwards Kerberos tokens without a SPNEGO wrapper.
 */
final class Krb5Exchange implements Exchange {
  private final Krb5Step step;
  private final Negotiated mechanism;
  private Krb5Session session;

  Krb5Exchange(Krb5Step step, Negotiated mechanism) {
    this.step = step;
    this.mechanism = mechanism;
  }

  @Override
  public Negotiated mechanism() {
    return mechanism;
  }

  @Override
  public Leg accept(byte[] token) throws RejectedException {
    if (session != null) {
      throw new RejectedException(Reason.NO_CONTEXT,
          "expected no further Kerberos token, got one after the AP exchange completed");
    }
    session = step.accept(token);
    return new Leg(AcceptStatus.COMPLETE, session);
  }

  @Override
  public byte[] errorToken(RejectedException e) {
    return e.errorToken().orElse(null);
  }

  @Override
  public Krb5Session session() {
    return session;
  }

  @Override
  public void destroy() {
    if (session != null) {
      session.destroy();
    }
  }
}
