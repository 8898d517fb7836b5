package dev.krb5gss.ap;

import dev.krb5gss.crypto.CipherKey;
import dev.krb5gss.crypto.CryptoProfile;
import dev.krb5gss.crypto.CryptoProfiles;
import dev.krb5gss.crypto.SecretBytes;
import dev.krb5gss.der.DerBackWriter;
import dev.krb5gss.der.DerReader;
import dev.krb5gss.error.InternalFaultException;
import dev.krb5gss.gss.MechOids;
import java.time.Instant;

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
  private static final byte[] TOK_ID = {(byte) (InitialContextToken.TOK_AP_REP >> 8),
      (byte) InitialContextToken.TOK_AP_REP};
  /** Room for every header in front of the ciphertext (at most 60 bytes: 12 elements, an OID). */
  private static final int HEADROOM = 64;

  private ApReplyBuilder() {}

  /**
   * This thread's buffers for the EncAPRepPart plaintext (zeroed after each use: it holds the
   * subkey) and for the sealed token, whose headers are written in front of the ciphertext at
   * the buffer's end (public bytes); the token handed out is the one array an AP-REP allocates.
   */
  private static final ThreadLocal<byte[]> PLAIN = ThreadLocal.withInitial(() -> new byte[128]);
  private static final ThreadLocal<byte[]> SEALED = ThreadLocal.withInitial(() -> new byte[512]);

  /** The framed AP-REP token; {@code acceptorSubkey} may be null (no subkey field). */
  static byte[] build(String mechOid, CipherKey sessionKey, Instant ctime, int cusec,
      CipherKey acceptorSubkey, long sequence) {
    CryptoProfile profile = CryptoProfiles.of(sessionKey.encType()).orElseThrow(
        () -> new InternalFaultException("no crypto profile for " + sessionKey.encType()));
    DerBackWriter plain = encApRepPart(PLAIN.get(), ctime, cusec, acceptorSubkey, sequence);
    byte[] sealed;
    int cipherAt;
    try {
      int length = plain.mark();
      int sealedLength = length + profile.encryptionOverhead();
      sealed = SEALED.get();
      if (sealed.length < HEADROOM + sealedLength) {
        sealed = new byte[HEADROOM + sealedLength];
      }
      // The ciphertext ends the buffer, with at least HEADROOM free bytes in front for headers.
      cipherAt = sealed.length - sealedLength;
      profile.encryptInto(sessionKey, USAGE_AP_REP, plain.array(), plain.start(), length,
          sealed, cipherAt);
    } finally {
      plain.wipe();
    }
    // Everything is written in front of the ciphertext, so each enclosing element starts at
    // mark 0 (all that is written so far).
    DerBackWriter w = DerBackWriter.over(sealed, cipherAt);
    int all = 0;
    w.wrap(DerReader.OCTET_STRING, all).wrap(0xa2, all);      // [2] cipher
    int field = w.mark();
    w.integer(sessionKey.encType().id()).wrap(0xa0, field);  // [0] etype (no kvno)
    w.wrap(DerReader.SEQUENCE, all).wrap(0xa2, all);          // EncryptedData as AP-REP [2]
    field = w.mark();
    w.integer(KRB_AP_REP).wrap(0xa1, field);
    field = w.mark();
    w.integer(PVNO).wrap(0xa0, field);
    w.wrap(DerReader.SEQUENCE, all).wrap(0x60 | KRB_AP_REP, all);
    // RFC 2743 §3.1 framing around TOK_ID || AP-REP (RFC 4121 §4.1)
    w.raw(TOK_ID);
    w.raw(InitialContextToken.MS_KRB5_OID.equals(mechOid) ? MS_KRB5_OID : KRB5_OID);
    w.wrap(DerReader.APPLICATION_0, all);
    return w.toByteArray();
  }

  /**
   * EncAPRepPart, RFC 4120 §5.5.2, in a writer the caller wipes after encrypting it (it holds the
   * subkey); wiped here if writing fails.
   */
  private static DerBackWriter encApRepPart(byte[] buffer, Instant ctime, int cusec,
      CipherKey acceptorSubkey, long sequence) {
    DerBackWriter w = DerBackWriter.over(buffer, buffer.length); // nothing written yet
    boolean done = false;
    try {
      int part = w.mark();
      int field = w.mark();
      w.integer(sequence).wrap(0xa3, field);
      if (acceptorSubkey != null) {
        // EncryptionKey: SEQUENCE { [0] keytype, [1] OCTET STRING keyvalue }, the key bytes
        // copied from their holder straight into this writer's buffer (wiped by the caller).
        field = w.mark();
        int seq = w.mark();
        int value = w.mark();
        SecretBytes key = acceptorSubkey.secret();
        key.copyTo(w.array(), w.reserve(key.length()));
        w.wrap(DerReader.OCTET_STRING, value).wrap(0xa1, value);
        int type = w.mark();
        w.integer(acceptorSubkey.encType().id()).wrap(0xa0, type);
        w.wrap(DerReader.SEQUENCE, seq);
        w.wrap(0xa2, field);
      }
      field = w.mark();
      w.integer(cusec).wrap(0xa1, field);
      field = w.mark();
      w.kerberosTime(ctime).wrap(0xa0, field);
      w.wrap(DerReader.SEQUENCE, part).wrap(0x60 | ENC_AP_REP_PART, part);
      done = true;
      return w;
    } finally {
      if (!done) {
        w.wipe();
      }
    }
  }
}
