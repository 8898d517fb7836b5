package dev.krb5gss.ap;

import dev.krb5gss.ap.KerberosMessages.ApRequest;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.name.PrincipalName;
import java.util.OptionalLong;

/**
 * What an AP-REQ (RFC 4120 §5.5.1) inside an RFC 4121 §4.1 initial context token shows without
 * any key: the ticket's service principal and realm, the ticket's key version and enctype, the
 * authenticator's enctype and the AP options. For diagnosis (which key would the acceptor need?);
 * nothing here is authenticated.
 */
public final class ApRequestView {
  private final String mechOid;
  private final ApRequest request;

  private ApRequestView(String mechOid, ApRequest request) {
    this.mechOid = mechOid;
    this.request = request;
  }

  /**
   * Decodes a Kerberos initial context token, RFC 2743 framed or starting at TOK_ID 01 00.
   *
   * @throws RejectedException MALFORMED_TOKEN (or TOKEN_TOO_LARGE) as the acceptor would
   */
  public static ApRequestView parse(byte[] token, int maxTokenSize) throws RejectedException {
    InitialContextToken ict = InitialContextToken.parseApReq(token, maxTokenSize);
    return new ApRequestView(ict.mechOid(),
        ApRequestDecoder.apRequest(ict.token(), ict.bodyOffset()));
  }

  /** The mechanism OID of the framing (the Kerberos OID when the token was unframed). */
  public String mechOid() {
    return mechOid;
  }

  /** The ticket's service principal, in the ticket's realm. */
  public PrincipalName service() {
    return request.ticket().server();
  }

  /** The key version the ticket is encrypted under, when the KDC said (it usually does). */
  public OptionalLong ticketKvno() {
    Long kvno = request.ticket().encPart().kvno();
    return kvno == null ? OptionalLong.empty() : OptionalLong.of(kvno);
  }

  /** The enctype of the service key the ticket is encrypted with. */
  public EncType ticketEncType() {
    return EncType.of(request.ticket().encPart().etype());
  }

  /** The enctype of the session key the authenticator is encrypted with. */
  public EncType authenticatorEncType() {
    return EncType.of(request.authenticator().etype());
  }

  /** APOptions mutual-required (RFC 4120 §5.5.1): the client wants an AP-REP. */
  public boolean mutualRequired() {
    return request.mutualRequired();
  }

  /** APOptions use-session-key: user-to-user, which this acceptor does not support. */
  public boolean useSessionKey() {
    return (request.apOptions() & KerberosMessages.AP_USE_SESSION_KEY) != 0;
  }
}
