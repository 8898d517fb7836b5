package dev.krb5gss.ap;

import dev.krb5gss.ap.KerberosMessages.AuthenticatorContents;
import dev.krb5gss.ap.KerberosMessages.EncryptedPart;
import dev.krb5gss.ap.KerberosMessages.KeyValue;
import dev.krb5gss.ap.KerberosMessages.TicketContents;
import dev.krb5gss.crypto.CipherKey;
import dev.krb5gss.crypto.CryptoProfile;
import dev.krb5gss.crypto.CryptoProfiles;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.crypto.EnctypePolicy;
import dev.krb5gss.crypto.IntegrityException;
import dev.krb5gss.crypto.SecretBytes;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.keytab.ServiceKey;
import dev.krb5gss.name.PrincipalName;
import java.util.Arrays;

/**
 * The cryptographic steps of RFC 4120 §3.2.3 under an enctype policy: decrypt the ticket with the
 * service key (key usage 2) and the authenticator with the session key (key usage 11), and bind
 * received keys to their crypto profiles. Plaintexts and raw key bytes are wiped after use.
 */
final class ApCrypto {
  /** Key usage of the ticket's enc-part, RFC 4120 §7.5.1. */
  static final int USAGE_TICKET = 2;
  /** Key usage of the AP-REQ authenticator, RFC 4120 §7.5.1. */
  static final int USAGE_AUTHENTICATOR = 11;

  /** Tickets with a PAC of a few hundred groups still fit (an MIT ticket with a PAC: ~1 KiB). */
  static final int REUSED_PLAINTEXT = 16 * 1024;
  private static final ThreadLocal<byte[]> PLAINTEXT =
      ThreadLocal.withInitial(() -> new byte[2048]);

  private final EnctypePolicy policy;

  ApCrypto(EnctypePolicy policy) {
    this.policy = policy;
  }

  /**
   * The profile for {@code type}, if the policy permits it and we implement it; {@code what}
   * followed by {@code about} (which may be null) names the object in a refusal, put together
   * only then.
   */
  CryptoProfile permitted(EncType type, String what, Object about) throws RejectedException {
    if (!policy.permits(type)) {
      throw new RejectedException(Reason.ENCTYPE_NOT_PERMITTED, named(what, about) + " uses "
          + type + ": " + policy.refusal(type));
    }
    CryptoProfile profile = CryptoProfiles.of(type).orElse(null);
    if (profile == null) {
      throw new RejectedException(Reason.ENCTYPE_NOT_PERMITTED, named(what, about) + " uses "
          + type + ", which is permitted by the policy but not implemented by this library");
    }
    return profile;
  }

  private static String named(String what, Object about) {
    return about == null ? what : what + about;
  }

  TicketContents decryptTicket(EncryptedPart enc, ServiceKey key, CryptoProfile profile)
      throws RejectedException {
    byte[] plain = plaintextBuffer(enc.length());
    try {
      int end;
      try {
        end = profile.decryptInto(key.cipherKey(), USAGE_TICKET, enc.data(), enc.offset(),
            enc.length(), plain);
      } catch (IntegrityException e) {
        throw new RejectedException(Reason.TICKET_INTEGRITY, "the ticket for " + key.principal()
            + " did not decrypt with the keytab's key of the same kvno (" + key.kvno()
            + ") and enctype (" + key.encType().mitName() + "): the keytab key is wrong (keys "
            + "changed without a new kvno, or the SPN belongs to another account); re-export the "
            + "keytab");
      }
      return ApRequestDecoder.encTicketPart(plain, profile.plaintextOffset(), end);
    } finally {
      wipe(plain, enc.length()); // whatever happened: no plaintext stays in the reused buffer
    }
  }

  /**
   * The authenticator under the ticket's session key; its cname is {@code ticketClient} itself
   * when it names the same principal (the usual case: one name object per accept, not two).
   */
  AuthenticatorContents decryptAuthenticator(EncryptedPart enc, CipherKey session,
      PrincipalName ticketClient) throws RejectedException {
    if (enc.etype() != session.encType().id()) {
      throw new RejectedException(Reason.AUTHENTICATOR_INTEGRITY, "the authenticator is "
          + "encrypted with " + EncType.of(enc.etype()) + ", but the ticket's session key is "
          + session.encType());
    }
    CryptoProfile profile = permitted(session.encType(), "the authenticator", null);
    byte[] plain = plaintextBuffer(enc.length());
    try {
      int end;
      try {
        end = profile.decryptInto(session, USAGE_AUTHENTICATOR, enc.data(), enc.offset(),
            enc.length(), plain);
      } catch (IntegrityException e) {
        throw new RejectedException(Reason.AUTHENTICATOR_INTEGRITY, "the authenticator did not "
            + "decrypt with the ticket's session key: it was altered or made for another ticket");
      }
      return ApRequestDecoder.authenticator(plain, profile.plaintextOffset(), end, ticketClient);
    } finally {
      wipe(plain, enc.length());
    }
  }

  /** This thread's reused plaintext buffer (tests: it must hold only zeros between uses). */
  static byte[] plaintextBufferForTest() {
    return PLAINTEXT.get();
  }

  /** Zeroes what a decryption of {@code length} ciphertext bytes may have written. */
  private static void wipe(byte[] plain, int length) {
    Arrays.fill(plain, 0, Math.min(length, plain.length), (byte) 0);
  }

  /**
   * A buffer for a ticket's or authenticator's plaintext ({@code length} bytes of ciphertext
   * hold less): this thread's reused one, or a new one above {@link #REUSED_PLAINTEXT} bytes.
   * The decoders copy out every value they return, and the callers zero the plaintext before
   * the buffer is used again, so it holds only zeros between accepts. Was a new array per
   * ticket and per authenticator, about an eighth of the bytes an accept allocated.
   */
  private static byte[] plaintextBuffer(int length) {
    if (length > REUSED_PLAINTEXT) {
      return new byte[length];
    }
    byte[] b = PLAINTEXT.get();
    if (b.length < length) {
      b = new byte[Math.max(length, Math.min(REUSED_PLAINTEXT, 2 * b.length))];
      PLAINTEXT.set(b);
    }
    return b;
  }

  /**
   * A received key (session key or subkey) bound to its profile, which takes over its holder;
   * a refused key's holder is wiped.
   * {@code what} and {@code about} name it in a refusal, as in {@link #permitted}.
   */
  CipherKey cipherKey(KeyValue kv, String what, Object about) throws RejectedException {
    SecretBytes value = kv.keyValue();
    boolean bound = false;
    try {
      CryptoProfile profile = permitted(EncType.of(kv.keyType()), what, about);
      if (value.length() != profile.keyLength()) {
        throw new RejectedException(Reason.MALFORMED_TOKEN, named(what, about) + " has "
            + value.length() + " bytes, " + profile.encType().mitName() + " keys have "
            + profile.keyLength());
      }
      CipherKey key = profile.key(value); // the holder is the key's now, not copied again
      bound = true;
      return key;
    } finally {
      if (!bound) {
        value.destroy();
      }
    }
  }
}
