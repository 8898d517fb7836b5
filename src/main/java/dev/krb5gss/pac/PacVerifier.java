package dev.krb5gss.pac;

import dev.krb5gss.crypto.CipherKey;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.name.PrincipalName;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns the PAC in a decrypted ticket into a verified {@link Pac}, or rejects the ticket with
 * {@link dev.krb5gss.error.Reason#PAC_INVALID} naming the {@link PacCheck} that failed. Checks, in
 * order, each before anything that relies on it:
 *
 * <ol>
 *   <li>the authorization data holds at most one AD-WIN2K-PAC ({@link PacCheck#AUTHORIZATION_DATA});
 *   <li>PACTYPE and the PAC_INFO_BUFFER array (MS-PAC §2.3, §2.4): bounds, alignment, overlap,
 *       duplicates ({@link PacCheck#PACTYPE}, {@link PacCheck#BUFFER_LAYOUT},
 *       {@link PacCheck#BUFFER_SET});
 *   <li>the server signature under the service key (MS-PAC §2.8.1), so nothing below is decoded
 *       from bytes the KDC did not sign ({@link PacCheck#SERVER_SIGNATURE}); the KDC signature is
 *       required and, like the ticket and full-PAC signatures, shape-checked
 *       ({@link PacCheck#KDC_SIGNATURE}; see {@link ServerSignature} for why a service cannot
 *       verify them);
 *   <li>PAC_CLIENT_INFO against the ticket's client and authtime ({@link PacCheck#CLIENT_INFO});
 *   <li>UPN_DNS_INFO ({@link PacCheck#UPN_DNS_INFO}), PAC_ATTRIBUTES_INFO and PAC_REQUESTOR when
 *       present ({@link PacCheck#ATTRIBUTES_AND_REQUESTOR});
 *   <li>KERB_VALIDATION_INFO in NDR ({@link PacCheck#LOGON_INFO}) and UPN_DNS_INFO's consistency
 *       with it. A PAC without KERB_VALIDATION_INFO (MIT krb5 1.20+ KDCs issue one in every ticket)
 *       passes the checks above and yields no {@link Pac}.
 * </ol>
 *
 * <p>Stateless; the service key is only used to compute the checksum.
 */
public final class PacVerifier {
  private PacVerifier() {}

  /**
   * The verified PAC of a ticket, or empty when its authorization data carries none (a Kerby or
   * older MIT KDC) or carries a PAC without KERB_VALIDATION_INFO: MIT krb5 1.20+ KDCs put such a
   * minimal PAC (client info and signatures, no Windows identity) in every ticket. That PAC is
   * still verified (signatures, client info) and rejected if it fails; it just yields no
   * {@link Pac}.
   *
   * @param authorizationData the EncTicketPart's authorization-data as DER (empty for none)
   * @param client the ticket's client (cname and crealm)
   * @param authTime the ticket's authtime
   * @param serviceKey the service key that decrypted the ticket
   * @throws RejectedException PAC_INVALID naming the failed check
   */
  public static Optional<Pac> verify(byte[] authorizationData, PrincipalName client,
      Instant authTime, CipherKey serviceKey) throws RejectedException {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(authTime, "authTime");
    Objects.requireNonNull(serviceKey, "serviceKey");
    long found = PacAuthorizationData.find(authorizationData);
    if (found == PacAuthorizationData.NONE) {
      return Optional.empty();
    }
    // Verified where it lies: nothing below writes to the array or keeps it past this call.
    return verify(PacLayout.parse(authorizationData, PacAuthorizationData.offset(found),
        PacAuthorizationData.length(found)), client, authTime, serviceKey);
  }

  /**
   * Verifies and decodes one PAC (the content of AD-WIN2K-PAC); empty for a verified PAC without
   * KERB_VALIDATION_INFO.
   */
  static Optional<Pac> verifyPac(byte[] pac, PrincipalName client, Instant authTime,
      CipherKey serviceKey) throws RejectedException {
    return verify(PacLayout.parse(pac), client, authTime, serviceKey);
  }

  /** Verifies and decodes the PAC {@code layout} was parsed from (checks 3 to 6 above). */
  static Optional<Pac> verify(PacLayout layout, PrincipalName client, Instant authTime,
      CipherKey serviceKey) throws RejectedException {
    ServerSignature.verify(layout, serviceKey);
    ClientInfo clientInfo = ClientInfo.parse(layout);
    clientInfo.check(client, authTime);
    UpnDnsInfo upnDns = UpnDnsInfo.parse(layout);
    PacExtras extras = PacExtras.parse(layout);
    if (layout.indexOf(PacBufferType.LOGON_INFO) < 0) {
      return Optional.empty(); // MIT's minimal PAC: bound to the ticket, no Windows identity
    }
    LogonInfo logon = LogonInfoDecoder.decode(layout);
    if (upnDns != null) {
      upnDns.check(logon);
    }
    return Optional.of(new Pac(layout, clientInfo, logon, Optional.ofNullable(upnDns), extras));
  }
}
