package dev.krb5gss.context;

import dev.krb5gss.der.ObjectId;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.gss.GssFraming;
import dev.krb5gss.gss.MechOids;
import dev.krb5gss.gss.Ntlm;
import java.util.List;

/**
 * Picks the exchange from a negotiation's first token: the RFC 2743 §3.1 framing's mechanism OID
 * (SPNEGO, Kerberos, or the Microsoft Kerberos OID), an unframed Kerberos token starting at
 * TOK_ID 01 00 (RFC 4121 §4.1, as the JDK hands it to a mechanism), or NTLM, refused with a hint.
 */
final class Exchanges {
  private static final int KRB5_AP_REQ_TOK_ID_0 = 0x01;

  private Exchanges() {}

  static Exchange forFirstToken(byte[] token, Krb5Step krb5, List<Negotiated> enabled)
      throws RejectedException {
    if (Ntlm.isNtlmssp(token)) {
      throw new RejectedException(Reason.NTLM_OFFERED, "got a raw NTLMSSP token: " + Ntlm.HINT);
    }
    if (!GssFraming.looksFramed(token)) {
      if (token.length > 1 && token[0] == KRB5_AP_REQ_TOK_ID_0 && token[1] == 0) {
        return kerberos(krb5, Negotiated.KRB5, enabled);
      }
      throw new RejectedException(Reason.MALFORMED_TOKEN, "expected an RFC 2743 initial context"
          + " token (0x60) or a Kerberos AP-REQ (TOK_ID 01 00), got a token starting 0x"
          + Integer.toHexString(token[0] & 0xff));
    }
    ObjectId mech = GssFraming.parse(token).mech();
    for (Negotiated n : Negotiated.values()) {
      if (n.oid().equals(mech)) {
        return n == Negotiated.SPNEGO ? spnego(krb5, enabled) : kerberos(krb5, n, enabled);
      }
    }
    if (mech.equals(MechOids.NTLM)) {
      throw new RejectedException(Reason.NTLM_OFFERED, "got an NTLM token: " + Ntlm.HINT);
    }
    throw new RejectedException(Reason.UNSUPPORTED_MECHANISM,
        "expected a token for one of " + enabled + ", got mechanism " + mech);
  }

  private static Exchange kerberos(Krb5Step krb5, Negotiated mech, List<Negotiated> enabled)
      throws RejectedException {
    requireEnabled(mech, enabled);
    return new Krb5Exchange(krb5, mech);
  }

  /** SPNEGO offers our Kerberos OIDs in the acceptor's order of preference. */
  private static Exchange spnego(Krb5Step krb5, List<Negotiated> enabled)
      throws RejectedException {
    requireEnabled(Negotiated.SPNEGO, enabled);
    return new SpnegoExchange(krb5, kerberosOids(enabled));
  }

  private static final List<ObjectId> KRB5_ONLY = List.of(MechOids.KRB5);
  private static final List<ObjectId> MS_KRB5_ONLY = List.of(MechOids.MS_KRB5);
  private static final List<ObjectId> KRB5_FIRST = List.of(MechOids.KRB5, MechOids.MS_KRB5);
  private static final List<ObjectId> MS_KRB5_FIRST = List.of(MechOids.MS_KRB5, MechOids.KRB5);

  /** The enabled Kerberos OIDs in order; shared lists, so a pending context does not copy one. */
  private static List<ObjectId> kerberosOids(List<Negotiated> enabled) {
    int krb5 = enabled.indexOf(Negotiated.KRB5);
    int ms = enabled.indexOf(Negotiated.MS_KRB5);
    if (ms < 0) {
      return KRB5_ONLY;
    }
    if (krb5 < 0) {
      return MS_KRB5_ONLY;
    }
    return krb5 < ms ? KRB5_FIRST : MS_KRB5_FIRST;
  }

  private static void requireEnabled(Negotiated mech, List<Negotiated> enabled)
      throws RejectedException {
    if (!enabled.contains(mech)) {
      throw new RejectedException(Reason.UNSUPPORTED_MECHANISM, "the client used " + mech + " ("
          + mech.oidString() + "), but this acceptor accepts only " + enabled);
    }
  }
}
