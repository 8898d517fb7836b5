package dev.krb5gss.context;

import dev.krb5gss.ap.ApAcceptor;
import dev.krb5gss.ap.ApEstablished;
import dev.krb5gss.ap.ChannelBindings;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.token.MessageProtection;

/**
 * An established Kerberos context ([core] {@link ApEstablished}) with its per-message protection
 * ([crypto] {@link MessageProtection}, RFC 4121 §4.2), created on first use and then shared by
 * the SPNEGO mechListMIC and the caller's wrap/unwrap, so sequence numbers stay in step.
 */
final class ApSession implements Krb5Session {
  private final ApEstablished established;
  private MessageProtection protection;

  private ApSession(ApEstablished established) {
    this.established = established;
  }

  /** The Kerberos step of an acceptor, for a context with these channel bindings (or null). */
  static Krb5Step step(ApAcceptor ap, ChannelBindings bindings) {
    return token -> new ApSession(ap.accept(token, bindings));
  }

  ApEstablished established() {
    return established;
  }

  synchronized MessageProtection protection() throws RejectedException {
    if (protection == null) {
      protection = MessageProtection.forAcceptor(established);
    }
    return protection;
  }

  @Override
  public byte[] outputToken() {
    return established.outputToken();
  }

  @Override
  public int outputTokenLength() {
    return established.outputTokenLength();
  }

  @Override
  public byte[] getMic(byte[] data) throws RejectedException {
    return protection().getMic(data, 0, data.length);
  }

  @Override
  public void verifyMic(byte[] mic, byte[] data) throws RejectedException {
    protection().verifyMic(mic, data, 0, data.length);
  }

  @Override
  public void destroy() {
    established.destroy();
  }
}
