package dev.krb5gss.context;

import dev.krb5gss.der.ObjectId;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.spnego.MechSelection;
import dev.krb5gss.spnego.NegState;
import dev.krb5gss.spnego.NegTokenInit;
import dev.krb5gss.spnego.NegTokenResp;
import java.util.List;

/**
 * The acceptor side of SPNEGO (RFC 4178 §3.2, §5) around Kerberos: mechanism selection, the
 * optimistic token, an extra leg when the client's first mechanism is not ours, and the
 * mechListMIC exchange, ordered as MIT's acceptor does it (a MIC received is answered with ours;
 * a required MIC missing from the client's final mechanism token fails the negotiation).
 */
final class SpnegoExchange implements Exchange {
  private enum Phase { INIT, AWAIT_MECH_TOKEN, AWAIT_MIC, DONE }

  /**
   * The mechanism list a negotiation waiting for its next leg keeps for the mechListMIC (RFC
   * 4178 §5) is at most this long, so a half-open negotiation costs a small fixed amount however
   * long the list in an unauthenticated first token. Real clients list 2 to 5 mechanisms (~60 B).
   */
  static final int MAX_HELD_MECH_TYPES = 256;

  private final Krb5Step step;
  private final List<ObjectId> ours;
  private Phase phase = Phase.INIT;
  private ObjectId mech;
  private byte[] mechTypesDer;
  private boolean replied;
  private boolean micRequired;
  private Krb5Session session;

  SpnegoExchange(Krb5Step step, List<ObjectId> ours) {
    this.step = step;
    this.ours = ours;
  }

  @Override
  public Negotiated mechanism() {
    return Negotiated.SPNEGO;
  }

  @Override
  public Leg accept(byte[] token) throws RejectedException {
    switch (phase) {
      case INIT:
        return first(NegTokenInit.parseInitial(token));
      case AWAIT_MECH_TOKEN:
        return mechLeg(response(token));
      case AWAIT_MIC:
        return micLeg(response(token));
      default:
        throw new RejectedException(Reason.NO_CONTEXT,
            "expected no further SPNEGO token, got one after the negotiation completed");
    }
  }

  private Leg first(NegTokenInit init) throws RejectedException {
    MechSelection selection = MechSelection.choose(init.mechTypes(), ours);
    mech = selection.mech();
    mechTypesDer = init.mechTypesDer();
    micRequired = selection.micRequired();
    if (selection.isClientsFirst()) {
      byte[] mechToken = init.mechToken().orElse(null); // a copy: taken once
      if (mechToken != null) {
        return established(mechToken, init.mechListMic().orElse(null));
      }
    }
    if (mechTypesDer.length > MAX_HELD_MECH_TYPES) {
      throw new RejectedException(Reason.UNSUPPORTED_MECHANISM, "expected a mechanism list of at"
          + " most " + MAX_HELD_MECH_TYPES + " bytes (about 20 mechanisms) for a negotiation that"
          + " needs another leg, got " + mechTypesDer.length + " bytes; list Kerberos first"
          + " (one leg) or offer fewer mechanisms");
    }
    phase = Phase.AWAIT_MECH_TOKEN;
    return reply(AcceptStatus.CONTINUE_NEEDED, NegState.ACCEPT_INCOMPLETE, null, null);
  }

  private Leg mechLeg(NegTokenResp resp) throws RejectedException {
    byte[] mechToken = resp.responseToken().orElseThrow(() -> new RejectedException(
        Reason.MALFORMED_TOKEN, "expected a NegTokenResp with the " + mech
            + " token (responseToken), got " + resp));
    return established(mechToken, resp.mechListMic().orElse(null));
  }

  private Leg established(byte[] mechToken, byte[] clientMic) throws RejectedException {
    session = step.accept(mechToken);
    byte[] mechOut = session.outputToken();
    if (clientMic != null) {
      verify(clientMic);
      micRequired = true;
    } else if (micRequired && mechOut.length == 0) {
      throw new RejectedException(Reason.MECHLIST_MIC_FAILED, "expected the client's mechListMIC"
          + " with its final Kerberos token (RFC 4178 §5: " + mech
          + " was not its first choice), got none");
    }
    byte[] ourMic = micRequired ? session.getMic(mechTypesDer) : null;
    byte[] out = mechOut.length == 0 ? null : mechOut;
    if (!micRequired || clientMic != null) {
      phase = Phase.DONE;
      return reply(AcceptStatus.COMPLETE, NegState.ACCEPT_COMPLETED, out, ourMic);
    }
    phase = Phase.AWAIT_MIC;
    return reply(AcceptStatus.COMPLETE_AND_CONTINUE, NegState.ACCEPT_INCOMPLETE, out, ourMic);
  }

  private Leg micLeg(NegTokenResp resp) throws RejectedException {
    byte[] mic = resp.mechListMic().orElseThrow(() -> new RejectedException(
        Reason.MECHLIST_MIC_FAILED, "expected the client's mechListMIC, got " + resp));
    if (resp.responseToken().isPresent()) {
      throw new RejectedException(Reason.MALFORMED_TOKEN, "expected only the client's"
          + " mechListMIC after the Kerberos exchange completed, got " + resp);
    }
    verify(mic);
    phase = Phase.DONE;
    return new Leg(AcceptStatus.COMPLETE, new byte[0]);
  }

  private void verify(byte[] mic) throws RejectedException {
    try {
      session.verifyMic(mic, mechTypesDer);
    } catch (RejectedException e) {
      throw new RejectedException(Reason.MECHLIST_MIC_FAILED, "the client's mechListMIC over its"
          + " mechanism list did not verify (" + e.reason() + "): the list may have been"
          + " altered in transit (a downgrade attempt)", e);
    }
  }

  private NegTokenResp response(byte[] token) throws RejectedException {
    NegTokenResp resp = NegTokenResp.parse(token);
    if (resp.negState().orElse(null) == NegState.REJECT) {
      throw new RejectedException(Reason.UNSUPPORTED_MECHANISM,
          "the client rejected the negotiation of " + mech);
    }
    return resp;
  }

  /** supportedMech goes only in the acceptor's first reply (RFC 4178 §4.2.2). */
  private Leg reply(AcceptStatus status, NegState state, byte[] mechOut, byte[] mic) {
    ObjectId supported = replied ? null : mech;
    replied = true;
    return new Leg(status, NegTokenResp.encode(state, supported, mechOut, mic));
  }

  /** A SPNEGO reject, carrying the Kerberos error token as responseToken where there is one. */
  @Override
  public byte[] errorToken(RejectedException e) {
    byte[] krbError = e.errorToken().orElse(null);
    return NegTokenResp.encode(NegState.REJECT, null, krbError, null);
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
