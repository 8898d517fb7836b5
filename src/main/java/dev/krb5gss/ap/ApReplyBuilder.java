package dev.krb5gss.ap;

import dev.krb5gss.crypto.CipherKey;
import dev.krb5gss.crypto.CryptoProfile;
import dev.krb5gss.crypto.CryptoProfiles;
import dev.krb5gss.der.DerBackWriter;
import dev.krb5gss.der.DerReader;
import dev.krb5gss.error.InternalFaultException;
import dev.krb5gss.gss.MechOids;
import java.time.Instant;
import java.util.Arrays;

/**
 * Builds the KRB_AP_REP of RFC 4120 §5.5.2 for mutual authentication: EncAPRepPart {ctime, cusec
 * echoed from the authenticator, an acceptor subkey (none for rc4-hmac), our initial sequence
 * number} encrypted in the session key with key usage 12 (§7.5.1), framed as an RFC 4121 §4.1
 * token with TOK_ID 02 00. Both the plaintext and the token are written back to front
 * ({@link DerBackWriter}): one buffer each, no copy per nesting level.
 */
final class ApReplyBuilder {
  /** Key usage of EncAPRepPart, RFC 4120 §7.5.1. */
  static final int USAGE_AP_REP = 12;
  private static final int PVNO = 5;
  private static final int KRB_AP_REP = 15;
  private static final int ENC_AP_REP_PART = 27;
  private static final byte[] KRB5_OID = MechOids.KRB5.encoded();
  private static final byte[] MS_KRB5_OID = MechOids.MS_KRB5.encoded();

  private ApReplyBuilder() {}

  /** The framed AP-REP token; {@code acceptorSubkey} may be null (no subkey field). */
  static byte[] build(String mechOid, CipherKey sessionKey, Instant ctime, int cusec,
      CipherKey acceptorSubkey, long sequence) {
    CryptoProfile profile = CryptoProfiles.of(sessionKey.encType()).orElseThrow(
        () -> new InternalFaultException("no crypto profile for " + sessionKey.encType()));
    byte[] plain = encApRepPart(ctime, cusec, acceptorSubkey, sequence);
    byte[] cipher;
    try {
      cipher = profile.encrypt(sessionKey, USAGE_AP_REP, plain, 0, plain.length);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
    DerBackWriter w = new DerBackWriter(cipher.length + 48);
    int frame = w.mark();
    int apRep = w.mark();
    int field = w.mark();
    typedOctets(w, sessionKey.encType().id(), 2, cipher); // EncryptedData without kvno
    w.wrap(0xa2, field);
    field = w.mark();
    w.integer(KRB_AP_REP).wrap(0xa1, field);
    field = w.mark();
    w.integer(PVNO).wrap(0xa0, field);
    w.wrap(DerReader.SEQUENCE, apRep).wrap(0x60 | KRB_AP_REP, apRep);
    // RFC 2743 §3.1 framing around TOK_ID || AP-REP (RFC 4121 §4.1)
    w.raw(new byte[] {(byte) (InitialContextToken.TOK_AP_REP >> 8),
        (byte) InitialContextToken.TOK_AP_REP});
    w.raw(InitialContextToken.MS_KRB5_OID.equals(mechOid) ? MS_KRB5_OID : KRB5_OID);
    w.wrap(DerReader.APPLICATION_0, frame);
    return w.toByteArray();
  }

  /**
   * {@code SEQUENCE { [0] INTEGER type, [n] OCTET STRING value }}: EncryptedData without kvno
   * (n = 2) and EncryptionKey (n = 1), RFC 4120 §5.2.9.
   */
  private static void typedOctets(DerBackWriter w, int type, int n, byte[] value) {
    int seq = w.mark();
    int field = w.mark();
    w.octetString(value).wrap(0xa0 | n, field);
    field = w.mark();
    w.integer(type).wrap(0xa0, field);
    w.wrap(DerReader.SEQUENCE, seq);
  }

  /** EncAPRepPart, RFC 4120 §5.5.2; the buffer holding the subkey is wiped. */
  private static byte[] encApRepPart(Instant ctime, int cusec, CipherKey acceptorSubkey,
      long sequence) {
    DerBackWriter w = new DerBackWriter(96);
    try {
      int part = w.mark();
      int field = w.mark();
      w.integer(sequence).wrap(0xa3, field);
      if (acceptorSubkey != null) {
        byte[] keyBytes = acceptorSubkey.secret().toByteArray();
        try {
          field = w.mark();
          typedOctets(w, acceptorSubkey.encType().id(), 1, keyBytes); // EncryptionKey
          w.wrap(0xa2, field);
        } finally {
          Arrays.fill(keyBytes, (byte) 0);
        }
      }
      field = w.mark();
      w.integer(cusec).wrap(0xa1, field);
      field = w.mark();
      w.kerberosTime(ctime).wrap(0xa0, field);
      w.wrap(DerReader.SEQUENCE, part).wrap(0x60 | ENC_AP_REP_PART, part);
      return w.toByteArray();
    } finally {
      w.wipe();
    }
  }
}
