package dev.krb5gss.ap;

import dev.krb5gss.crypto.SecretBytes;
import dev.krb5gss.name.PrincipalName;
import java.time.Instant;

/**
 * The decoded parts of an AP exchange (RFC 4120 §5.3, §5.5.1), as immutable values of this package.
 * Byte arrays are owned by the values; nothing here leaves the package.
 */
final class KerberosMessages {
  private KerberosMessages() {}

  /** APOptions bit 1 (use-session-key, user-to-user), RFC 4120 §5.5.1. */
  static final int AP_USE_SESSION_KEY = 0x40000000;
  /** APOptions bit 2 (mutual-required). */
  static final int AP_MUTUAL_REQUIRED = 0x20000000;
  /** TicketFlags bit 7 (invalid), RFC 4120 §5.3. */
  static final int TKT_INVALID = 0x01000000;

  /** EncryptedData, RFC 4120 §5.2.9; {@code kvno} is null when absent. */
  /**
   * The ciphertext is a view into the token being parsed ({@code data[offset, offset + length)},
   * not copied): valid while that token is, never modified.
   */
  record EncryptedPart(int etype, Long kvno, byte[] data, int offset, int length) {}

  /**
   * EncryptionKey, RFC 4120 §5.2.9: the key bytes copied once, from the decrypted plaintext into
   * their holder (which the acceptor binds to its profile, or destroys when it refuses the key).
   */
  record KeyValue(int keyType, SecretBytes keyValue) {}

  /** Checksum, RFC 4120 §5.2.9. */
  record Checksum(int type, byte[] value) {}

  /** Ticket, RFC 4120 §5.3 (the clear part). */
  record TicketPart(PrincipalName server, EncryptedPart encPart) {}

  /** KRB_AP_REQ, RFC 4120 §5.5.1. */
  record ApRequest(int apOptions, TicketPart ticket, EncryptedPart authenticator) {
    boolean mutualRequired() {
      return (apOptions & AP_MUTUAL_REQUIRED) != 0;
    }
  }

  /** EncTicketPart, RFC 4120 §5.3; {@code startTime} null when absent; authz data raw DER. */
  record TicketContents(int flags, KeyValue key, PrincipalName client, Instant authTime,
      Instant startTime, Instant endTime, byte[] authorizationData) {}

  /**
   * Authenticator, RFC 4120 §5.5.1; {@code checksum} and {@code subkey} optional (null), and
   * {@code seqNumber} a UInt32 or {@link #NO_SEQ_NUMBER} when absent.
   */
  record AuthenticatorContents(PrincipalName client, Checksum checksum, int cusec, Instant ctime,
      KeyValue subkey, long seqNumber) {}

  /** The seq-number of an authenticator without one (a UInt32 is never negative). */
  static final long NO_SEQ_NUMBER = -1;
}
