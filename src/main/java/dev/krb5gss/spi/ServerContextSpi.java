package dev.krb5gss.spi;

import dev.krb5gss.gss.MechOids.Jgss;
import dev.krb5gss.Krb5GssProvider;
import dev.krb5gss.ap.ApEstablished;
import dev.krb5gss.ap.ContextFlag;
import dev.krb5gss.context.AcceptResult;
import dev.krb5gss.context.Acceptor;
import dev.krb5gss.context.ContextState;
import dev.krb5gss.context.ServerContext;
import dev.krb5gss.der.ObjectId;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.gss.GssFraming;
import dev.krb5gss.token.MessageProtection;
import dev.krb5gss.token.Unwrapped;
import dev.krb5gss.token.Verified;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.Provider;
import java.time.Clock;
import java.time.Duration;
import org.ietf.jgss.ChannelBinding;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.MessageProp;
import org.ietf.jgss.Oid;
import sun.security.jgss.spi.GSSContextSpi;
import sun.security.jgss.spi.GSSCredentialSpi;
import sun.security.jgss.spi.GSSNameSpi;

/**
 * The JDK's view of one of our acceptor contexts (RFC 2743 §2.2.2 GSS_Accept_sec_context and the
 * §2.3 per-message calls) over a {@link ServerContext}. The JDK strips the RFC 2743 §3.1 framing
 * from the first token and frames our Kerberos output itself; SPNEGO tokens pass unframed after
 * the first. Failures surface as {@link dev.krb5gss.error.RejectedGssException}s with our reason.
 */
final class ServerContextSpi implements GSSContextSpi {
  private final Oid mech;
  private final Acceptor acceptor;
  private final Clock clock;
  private ChannelBinding channelBinding;
  private ServerContext context;
  private ApEstablished established;
  private boolean disposed;

  ServerContextSpi(Oid mech, Acceptor acceptor) {
    this.mech = mech;
    this.acceptor = acceptor;
    this.clock = acceptor == null ? Clock.systemUTC() : acceptor.clock();
  }

  @Override
  public Provider getProvider() {
    return Krb5GssProvider.instance();
  }

  // Requests are the initiator's business; an acceptor ignores them, as the JDK's does.
  @Override public void requestLifetime(int lifetime) {}
  @Override public void requestMutualAuth(boolean state) {}
  @Override public void requestReplayDet(boolean state) {}
  @Override public void requestSequenceDet(boolean state) {}
  @Override public void requestCredDeleg(boolean state) {}
  @Override public void requestAnonymity(boolean state) {}
  @Override public void requestConf(boolean state) {}
  @Override public void requestInteg(boolean state) {}
  @Override public void requestDelegPolicy(boolean state) {}

  @Override
  public synchronized void setChannelBinding(ChannelBinding cb) throws GSSException {
    if (context != null) {
      throw GssErrors.of(Reason.NO_CONTEXT, "channel bindings must be set before the first token");
    }
    this.channelBinding = cb;
  }

  private synchronized boolean flag(ContextFlag f) {
    return established != null && established.flags().contains(f);
  }

  @Override public boolean getCredDelegState() { return flag(ContextFlag.DELEG); }
  @Override public boolean getMutualAuthState() { return flag(ContextFlag.MUTUAL); }
  @Override public boolean getReplayDetState() { return flag(ContextFlag.REPLAY); }
  @Override public boolean getSequenceDetState() { return flag(ContextFlag.SEQUENCE); }
  @Override public boolean getAnonymityState() { return false; }
  @Override public boolean getDelegPolicyState() { return false; }
  @Override public boolean isTransferable() { return false; }
  @Override public boolean isInitiator() { return false; }
  @Override public boolean getConfState() { return flag(ContextFlag.CONF); }
  @Override public boolean getIntegState() { return flag(ContextFlag.INTEG); }

  @Override
  public synchronized boolean isProtReady() {
    return isEstablished();
  }

  @Override
  public synchronized boolean isEstablished() {
    return established != null && !disposed;
  }

  /** Seconds left until the ticket's end time (RFC 2743 §2.2.2 lifetime_rec); 0 once past. */
  @Override
  public synchronized int getLifetime() {
    if (established == null) {
      return 0;
    }
    long left = Duration.between(clock.instant(), established.endTime()).getSeconds();
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, left));
  }

  @Override
  public synchronized GSSNameSpi getSrcName() throws GSSException {
    return KerberosNameElement.of(Jgss.KRB5, requireEstablished().client());
  }

  @Override
  public synchronized GSSNameSpi getTargName() throws GSSException {
    return KerberosNameElement.of(Jgss.KRB5, requireEstablished().service());
  }

  /** The mechanism; for SPNEGO, once established, the Kerberos mechanism it negotiated (as the JDK). */
  @Override
  public synchronized Oid getMech() throws GSSException {
    if (established != null && Jgss.SPNEGO.equals(mech)) {
      return new Oid(established.mechOid());
    }
    return mech;
  }

  @Override
  public synchronized GSSCredentialSpi getDelegCred() throws GSSException {
    ApEstablished est = requireEstablished();
    if (!est.has(ContextFlag.DELEG)) { // set only with a delegated credential (ApAcceptor)
      return null;
    }
    return DelegatedCredentials.toInitiatorCredential(est);
  }

  @Override
  public byte[] initSecContext(InputStream is, int mechTokenSize) throws GSSException {
    throw GssErrors.of(Reason.UNSUPPORTED_OPERATION, "an acceptor context cannot initiate");
  }

  @Override
  public synchronized byte[] acceptSecContext(InputStream is, int mechTokenSize)
      throws GSSException {
    if (disposed) {
      throw GssErrors.of(Reason.NO_CONTEXT, "the context was disposed");
    }
    boolean first = context == null;
    byte[] token;
    if (first && mechTokenSize >= 0) {
      // The JDK removed the RFC 2743 §3.1 framing; restore it so the mechanism is explicit.
      token = TokenInput.readFramed(is, mechTokenSize, acceptor.maxTokenSize(), mechOid().encoded());
    } else {
      token = TokenInput.read(is, mechTokenSize, acceptor.maxTokenSize());
      if (first) {
        token = GssFraming.frame(mechOid(), token);
      }
    }
    if (first) {
      context = channelBinding == null ? acceptor.newContext()
          : acceptor.newContext(Bindings.of(channelBinding));
    }
    try {
      AcceptResult result = context.accept(token);
      if (context.state() == ContextState.ESTABLISHED) {
        established = context.established();
      }
      return output(result.outputToken());
    } catch (RejectedException e) {
      RejectionLog.shared().rejected(e);
      throw GssErrors.of(e);
    } catch (RuntimeException e) {
      throw GssErrors.internal(e);
    }
  }

  /** Our mechanisms' OIDs (the JDK passes one of these three), looked up instead of parsed. */
  private static final java.util.Map<Oid, ObjectId> MECHS = java.util.Map.of(
      Jgss.KRB5, dev.krb5gss.gss.MechOids.KRB5, Jgss.MS_KRB5, dev.krb5gss.gss.MechOids.MS_KRB5,
      Jgss.SPNEGO, dev.krb5gss.gss.MechOids.SPNEGO);

  private ObjectId mechOid() {
    ObjectId known = MECHS.get(mech);
    return known != null ? known : ObjectId.of(mech.toString());
  }

  /** Kerberos output loses its framing (the JDK adds it back); SPNEGO output is sent as is. */
  private byte[] output(byte[] out) throws RejectedException {
    if (out.length == 0) {
      return null;
    }
    return Jgss.isKerberos(mech) && GssFraming.looksFramed(out)
        ? GssFraming.parse(out).inner() : out;
  }

  private ApEstablished requireEstablished() throws GSSException {
    if (established == null || disposed) {
      throw GssErrors.of(Reason.NO_CONTEXT, disposed ? "the context was disposed"
          : "the context is not established");
    }
    return established;
  }

  /**
   * The context's protection, asked of the {@link ServerContext} on every call (no copy kept
   * here): it checks the ticket's end time each time and moves the context to EXPIRED, so
   * per-message calls stop at the end of the context lifetime (RFC 2743 §2.2.2).
   */
  private MessageProtection protection() throws GSSException {
    requireEstablished();
    try {
      return context.protection();
    } catch (RejectedException e) {
      throw GssErrors.of(e);
    }
  }

  @Override
  public synchronized int getWrapSizeLimit(int qop, boolean confReq, int maxTokSize)
      throws GSSException {
    return protection().wrapSizeLimit(confReq, maxTokSize);
  }

  @Override
  public void wrap(InputStream is, OutputStream os, MessageProp msgProp) throws GSSException {
    byte[] data = TokenInput.readAll(is, acceptor.maxTokenSize());
    write(os, wrap(data, 0, data.length, msgProp));
  }

  @Override
  public synchronized byte[] wrap(byte[] inBuf, int offset, int len, MessageProp msgProp)
      throws GSSException {
    boolean conf = msgProp == null || msgProp.getPrivacy();
    conf = conf && getConfState();
    byte[] token = protection().wrap(inBuf, offset, len, conf);
    if (msgProp != null) {
      msgProp.setPrivacy(conf);
      msgProp.setQOP(0);
    }
    return token;
  }

  @Override
  public void unwrap(InputStream is, OutputStream os, MessageProp msgProp) throws GSSException {
    byte[] token = TokenInput.readAll(is, acceptor.maxTokenSize());
    write(os, unwrap(token, 0, token.length, msgProp));
  }

  @Override
  public synchronized byte[] unwrap(byte[] inBuf, int offset, int len, MessageProp msgProp)
      throws GSSException {
    try {
      Unwrapped u = protection().unwrap(inBuf, offset, len);
      if (msgProp != null) {
        msgProp.setPrivacy(u.confidential());
        msgProp.setQOP(0);
        setSupplementary(msgProp, u.supplementary().gssCode());
      }
      return u.data();
    } catch (RejectedException e) {
      throw GssErrors.of(e);
    } catch (RuntimeException e) {
      throw GssErrors.internal(e);
    }
  }

  @Override
  public void getMIC(InputStream is, OutputStream os, MessageProp msgProp) throws GSSException {
    byte[] data = TokenInput.readAll(is, Integer.MAX_VALUE - 8);
    write(os, getMIC(data, 0, data.length, msgProp));
  }

  @Override
  public synchronized byte[] getMIC(byte[] inMsg, int offset, int len, MessageProp msgProp)
      throws GSSException {
    byte[] mic = protection().getMic(inMsg, offset, len);
    if (msgProp != null) {
      msgProp.setQOP(0);
    }
    return mic;
  }

  @Override
  public void verifyMIC(InputStream is, InputStream msgStr, MessageProp mProp)
      throws GSSException {
    byte[] token = TokenInput.readAll(is, acceptor.maxTokenSize());
    byte[] msg = TokenInput.readAll(msgStr, Integer.MAX_VALUE - 8);
    verifyMIC(token, 0, token.length, msg, 0, msg.length, mProp);
  }

  @Override
  public synchronized void verifyMIC(byte[] inTok, int tokOffset, int tokLen, byte[] inMsg,
      int msgOffset, int msgLen, MessageProp msgProp) throws GSSException {
    byte[] token = java.util.Arrays.copyOfRange(inTok, tokOffset, tokOffset + tokLen);
    try {
      Verified v = protection().verifyMic(token, inMsg, msgOffset, msgLen);
      if (msgProp != null) {
        msgProp.setQOP(0);
        setSupplementary(msgProp, v.supplementary().gssCode());
      }
    } catch (RejectedException e) {
      throw GssErrors.of(e);
    } catch (RuntimeException e) {
      throw GssErrors.internal(e);
    }
  }

  private static void setSupplementary(MessageProp p, int code) {
    p.setSupplementaryStates(code == GSSException.DUPLICATE_TOKEN,
        code == GSSException.OLD_TOKEN, code == GSSException.UNSEQ_TOKEN,
        code == GSSException.GAP_TOKEN, 0, null);
  }

  @Override
  public byte[] export() throws GSSException {
    throw GssErrors.of(Reason.UNSUPPORTED_OPERATION,
        "exporting a security context is not supported by " + Krb5GssProvider.NAME);
  }

  @Override
  public synchronized void dispose() {
    disposed = true;
    if (context != null) {
      context.dispose();
    }
  }

  @Override
  public synchronized Object inquireSecContext(String type) throws GSSException {
    return ContextInquiry.inquire(requireEstablished(), type);
  }

  private static void write(OutputStream os, byte[] b) throws GSSException {
    try {
      os.write(b);
    } catch (IOException e) {
      throw new GSSException(GSSException.FAILURE, -1, "cannot write the token: " + e);
    }
  }

  @Override
  public String toString() {
    return "ServerContextSpi[" + mech + ", " + (context == null ? "NEW" : context.state()) + "]";
  }
}
