package dev.krb5gss.spnego;

import dev.krb5gss.der.ObjectId;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.gss.MechOids;
import dev.krb5gss.gss.Ntlm;
import java.util.List;

/**
 * The acceptor's choice among the initiator's mechanisms, RFC 4178 §3.2 and §5, and whether the
 * mechListMIC exchange is required.
 *
 * <p>If the client's first mechanism is one we accept, it is chosen and its optimistic token
 * used (one leg, as MIT and Windows do; the MIC is then optional, §5). Otherwise the acceptor's
 * most preferred mechanism that the client lists is chosen, the optimistic token is ignored, and
 * the MIC exchange is required, so a tampered list is caught. A list with NTLM and nothing we
 * accept is refused with {@link Reason#NTLM_OFFERED}.
 */
public final class MechSelection {
  private final ObjectId mech;
  private final boolean clientsFirst;

  private MechSelection(ObjectId mech, boolean clientsFirst) {
    this.mech = mech;
    this.clientsFirst = clientsFirst;
  }

  /**
   * Chooses from {@code offered} (client preference order) given the acceptor's mechanisms
   * {@code ours} (acceptor preference order).
   */
  public static MechSelection choose(List<ObjectId> offered, List<ObjectId> ours)
      throws RejectedException {
    if (ours.contains(offered.get(0))) {
      return new MechSelection(offered.get(0), true);
    }
    for (ObjectId mine : ours) {
      if (offered.contains(mine)) {
        return new MechSelection(mine, false);
      }
    }
    if (offered.contains(MechOids.NTLM)) {
      throw new RejectedException(Reason.NTLM_OFFERED,
          "the SPNEGO offer " + offered + " has NTLM but no Kerberos mechanism we accept " + ours
          + ": " + Ntlm.HINT);
    }
    throw new RejectedException(Reason.UNSUPPORTED_MECHANISM,
        "expected one of " + ours + " in the SPNEGO offer, got " + offered);
  }

  /** The chosen mechanism's OID, as the client listed it (reply with it as supportedMech). */
  public ObjectId mech() {
    return mech;
  }

  /** True when the chosen mechanism is the client's first: its optimistic token is usable. */
  public boolean isClientsFirst() {
    return clientsFirst;
  }

  /** RFC 4178 §5: MICs must be exchanged unless the mechanism was the client's first choice. */
  public boolean micRequired() {
    return !clientsFirst;
  }
}
