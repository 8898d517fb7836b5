package dev.krb5gss.cli;

import dev.krb5gss.ap.ApRequestView;
import dev.krb5gss.der.ObjectId;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.gss.GssFraming;
import dev.krb5gss.gss.MechOids;
import dev.krb5gss.gss.Ntlm;
import dev.krb5gss.spnego.NegTokenInit;
import dev.krb5gss.spnego.NegTokenResp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Decodes a client's first token without keys: raw NTLMSSP, SPNEGO (RFC 4178 §4.2.1
 * NegTokenInit: the mechanism list and the optimistic token) or Kerberos (RFC 4121 §4.1 AP-REQ:
 * the ticket's realm, SPN, kvno and enctype, the authenticator's enctype, the AP options).
 */
final class TokenExplainer {
  static final int MAX_TOKEN = 1 << 20;

  private TokenExplainer() {}

  static void explain(byte[] token, Report r) {
    r.put("tokenBytes", token.length);
    try {
      if (Ntlm.isNtlmssp(token)) {
        r.put("mechanism", "ntlm").line("Token: a raw NTLMSSP message (NTLM, not SPNEGO)");
        r.add(Finding.error("NTLM", "the client sent NTLM in the Negotiate header: " + Ntlm.HINT
            + "; also check that the client has a ticket-granting ticket (klist) and that the"
            + " site is allowed for Kerberos (browser intranet zone or auth-server allowlist)"));
      } else if (GssFraming.looksFramed(token)) {
        framed(token, r);
      } else if (token.length > 1 && token[0] == 0x01 && token[1] == 0x00) {
        r.put("mechanism", "krb5").line("Token: an unframed Kerberos AP-REQ (RFC 4121 §4.1)");
        kerberos(token, r);
      } else if (NegTokenResp.looksLikeResp(token)) {
        r.put("mechanism", "spnego").line("Token: a SPNEGO NegTokenResp (a later leg)");
        r.add(Finding.error("NOT_A_FIRST_TOKEN", "this is a continuation leg of a SPNEGO "
            + "negotiation; explain needs the client's first token (the first Authorization"
            + " header after the 401)"));
      } else {
        r.add(Finding.error("MALFORMED_TOKEN", "expected an RFC 2743 initial context token "
            + "(first byte 0x60) or NTLMSSP, got a token starting 0x"
            + Integer.toHexString(token[0] & 0xff)));
      }
    } catch (RejectedException e) {
      r.add(Finding.error(e.reason().name(), e.detail()));
    }
  }

  private static void framed(byte[] token, Report r) throws RejectedException {
    ObjectId mech = GssFraming.parse(token).mech();
    if (mech.equals(MechOids.SPNEGO)) {
      r.put("mechanism", "spnego").line("Token: SPNEGO (RFC 4178) NegTokenInit");
      spnego(NegTokenInit.parseInitial(token), r);
    } else if (mech.equals(MechOids.KRB5) || mech.equals(MechOids.MS_KRB5)) {
      r.put("mechanism", "krb5").line("Token: " + name(mech) + ", RFC 4121 §4.1");
      kerberos(token, r);
    } else {
      r.put("mechanism", mech.dotted());
      r.add(Finding.error(mech.equals(MechOids.NTLM) ? "NTLM" : "UNSUPPORTED_MECHANISM",
          "the token is for " + name(mech) + ", not Kerberos or SPNEGO"));
    }
  }

  private static void spnego(NegTokenInit init, Report r) throws RejectedException {
    List<ObjectId> mechs = init.mechTypes();
    r.put("mechTypes", mechs.stream().map(TokenExplainer::name).collect(Collectors.toList()));
    r.line("Mechanisms offered, most preferred first: "
        + mechs.stream().map(TokenExplainer::name).collect(Collectors.joining(", ")));
    boolean kerberos = mechs.stream().anyMatch(TokenExplainer::isKerberos);
    boolean ntlm = mechs.contains(MechOids.NTLM);
    if (!kerberos) {
      r.add(Finding.error("NTLM_ONLY", "the client offered " + (ntlm ? "only NTLM" : "no Kerberos")
          + ": " + Ntlm.HINT + "; also check that the client has a ticket-granting ticket"
          + " (klist) and that the site is allowed for Kerberos (intranet zone or"
          + " auth-server allowlist)"));
      return;
    }
    if (!mechs.isEmpty() && !isKerberos(mechs.get(0))) {
      r.add(Finding.warning("KERBEROS_NOT_FIRST", "the client prefers " + name(mechs.get(0))
          + "; the acceptor picks Kerberos from the list and asks for a Kerberos token (one"
          + " more round trip), dropping the optimistic " + name(mechs.get(0)) + " token"));
    }
    if (init.mechToken().isEmpty()) {
      r.line("No optimistic token: the client waits for the acceptor's choice");
      return;
    }
    if (isKerberos(mechs.get(0))) {
      kerberos(init.mechToken().get(), r);
    }
  }

  private static void kerberos(byte[] token, Report r) throws RejectedException {
    ApRequestView ap = ApRequestView.parse(token, MAX_TOKEN);
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("realm", ap.service().realm());
    t.put("service", ap.service().toString());
    t.put("kvno", ap.ticketKvno().isPresent() ? ap.ticketKvno().getAsLong() : null);
    t.put("ticketEnctype", ap.ticketEncType().mitName());
    t.put("authenticatorEnctype", ap.authenticatorEncType().mitName());
    t.put("mutualRequired", ap.mutualRequired());
    r.put("ticket", t);
    r.line("Ticket for:            " + ap.service() + " (realm " + ap.service().realm() + ")");
    r.line("Ticket key:            kvno " + (ap.ticketKvno().isPresent()
        ? ap.ticketKvno().getAsLong() : "(none given)") + ", " + ap.ticketEncType().mitName());
    r.line("Authenticator enctype: " + ap.authenticatorEncType().mitName()
        + " (the session key's)");
    r.line("AP options:            " + (ap.mutualRequired() ? "mutual-required" : "none")
        + (ap.useSessionKey() ? ", use-session-key" : ""));
    if (ap.ticketEncType().isWeak()) {
      r.add(Finding.warning("WEAK_TICKET_ENCTYPE", "the ticket is encrypted with "
          + ap.ticketEncType().mitName() + " (RFC 8429 deprecates it; krb5gss refuses it by "
          + "default): the KDC thinks the account has no AES keys (AD: "
          + "msDS-SupportedEncryptionTypes), or the keytab-exported password predates AES"));
    }
  }

  private static boolean isKerberos(ObjectId mech) {
    return mech.equals(MechOids.KRB5) || mech.equals(MechOids.MS_KRB5);
  }

  static String name(ObjectId mech) {
    if (mech.equals(MechOids.KRB5)) {
      return "Kerberos V5 (" + mech.dotted() + ")";
    }
    if (mech.equals(MechOids.MS_KRB5)) {
      return "Kerberos V5, Microsoft OID (" + mech.dotted() + ")";
    }
    if (mech.equals(MechOids.NTLM)) {
      return "NTLM (" + mech.dotted() + ")";
    }
    if (mech.equals(MechOids.NEGOEX)) {
      return "NegoEx (" + mech.dotted() + ")";
    }
    if (mech.equals(MechOids.SPNEGO)) {
      return "SPNEGO (" + mech.dotted() + ")";
    }
    return mech.dotted();
  }
}
