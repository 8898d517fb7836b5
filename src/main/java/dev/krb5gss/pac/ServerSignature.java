package dev.krb5gss.pac;

import dev.krb5gss.crypto.CipherKey;
import dev.krb5gss.crypto.CryptoProfile;
import dev.krb5gss.crypto.CryptoProfiles;
import dev.krb5gss.error.RejectedException;

/**
 * Verifies PAC_SERVER_CHECKSUM (MS-PAC §2.8.1) with the service's long-term key, the key that
 * decrypted the ticket: the keyed checksum of that key's enctype (HMAC-SHA1-96-AES128/256 per RFC
 * 3962 for AES keys, HMAC-MD5 per RFC 4757 §4 for rc4-hmac, RFC 8009's for aes-sha2) with key
 * usage 17 (KERB_NON_KERB_CKSUM_SALT), over the whole PAC with the Signature fields of the server
 * and the KDC signature buffers zeroed (MS-PAC §2.8; everything after SignatureType, so an RODC
 * identifier too, as MIT, Heimdal and Samba compute it). Compared in constant time.
 *
 * <p>The other signatures cannot be verified by a service: the KDC signature (§2.8.2), the ticket
 * signature (§2.8.3) and the full PAC checksum (§2.8.4) are keyed with the krbtgt account's key,
 * which only domain controllers hold (a DC checks them when the ticket comes back to it, e.g. in
 * S4U2Proxy, or on request through NetrLogonSamLogon's PAC validation, MS-APDS §3.1.5.2.2). What
 * protects the service is its own signature: only the KDC (and the service itself) knows the
 * service key, so a client cannot alter the PAC. The others are therefore checked for presence
 * (the KDC signature is required) and shape ({@link PacSignature}).
 */
final class ServerSignature {
  /** MS-PAC §2.8: KERB_NON_KERB_CKSUM_SALT. */
  static final int KEY_USAGE = 17;

  private ServerSignature() {}

  static void verify(PacLayout layout, CipherKey serviceKey) throws RejectedException {
    PacSignature server = PacSignature.parse(layout,
        layout.require(PacBufferType.SERVER_CHECKSUM), PacCheck.SERVER_SIGNATURE);
    PacSignature kdc = PacSignature.parse(layout,
        layout.require(PacBufferType.PRIVSVR_CHECKSUM), PacCheck.KDC_SIGNATURE);
    checkShapeIfPresent(layout, PacBufferType.TICKET_CHECKSUM);
    checkShapeIfPresent(layout, PacBufferType.FULL_CHECKSUM);
    CryptoProfile profile = CryptoProfiles.of(serviceKey.encType()).orElse(null);
    if (profile == null) {
      throw PacCheck.SERVER_SIGNATURE.fail("no checksum is implemented for the service key's "
          + "enctype " + serviceKey.encType());
    }
    if (server.type() != profile.checksumType()) {
      throw PacCheck.SERVER_SIGNATURE.fail("expected checksum type " + profile.checksumType()
          + " for the service key's enctype " + serviceKey.encType().mitName() + ", got "
          + server.type());
    }
    // Checksummed with both signature fields read as zeros (MS-PAC §2.8.1), where the PAC lies:
    // nothing is written to the array (it is the caller's authorization data) or copied from it;
    // the received signature is compared in place. The fields lie in two different buffers, which
    // the layout checked do not overlap.
    byte[] array = layout.array();
    byte[] expected = profile.checksumZeroing(serviceKey, KEY_USAGE, array, layout.base(),
        layout.length(), server.signatureAt(), server.fieldEnd(), kdc.signatureAt(),
        kdc.fieldEnd());
    if (!server.matches(array, expected)) {
      throw PacCheck.SERVER_SIGNATURE.fail("the server signature does not verify with the "
          + "service key (" + serviceKey.encType().mitName() + "): the PAC was altered, or was "
          + "signed by another key than the one that encrypted the ticket");
    }
  }

  /** The ticket and full-PAC signatures need the krbtgt key: their shape only, when present. */
  private static void checkShapeIfPresent(PacLayout layout, int type) throws RejectedException {
    int buffer = layout.indexOf(type);
    if (buffer >= 0) {
      PacSignature.checkedType(layout, buffer, PacCheck.KDC_SIGNATURE);
    }
  }
}
