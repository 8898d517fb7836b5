package dev.krb5gss.fuzz;

import dev.krb5gss.ap.ApAcceptor;
import dev.krb5gss.ap.ApPolicy;
import dev.krb5gss.ap.InitialContextToken;
import dev.krb5gss.crypto.CipherKey;
import dev.krb5gss.crypto.CryptoProfile;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.crypto.SecretBytes;
import dev.krb5gss.der.DerWriter;
import dev.krb5gss.keytab.ServiceKey;
import dev.krb5gss.keytab.ServiceKeyTable;
import dev.krb5gss.name.PrincipalName;
import dev.krb5gss.replay.InMemoryReplayCache;
import dev.krb5gss.testkit.AesEnctype;
import dev.krb5gss.testkit.ForgeCrypto;
import dev.krb5gss.testkit.ForgedApReq;
import dev.krb5gss.testkit.ForgedTicket;
import dev.krb5gss.testkit.LongTermKey;
import dev.krb5gss.testkit.SessionKey;
import dev.krb5gss.testkit.TicketForge;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.ap.ApReq;

/**
 * One fixed Kerberos world for the structure-aware harnesses: a service key (aes256, kvno 3) in
 * our key table and in the test kit's {@link TicketForge}, a fixed session key, a fixed "now" for
 * the acceptor and the forge, and assemblers that put a fuzzed plaintext, encrypted under the
 * right key with the right key usage (RFC 4120 §7.5.1), where a real AP-REQ carries it. Keys
 * are derived from labels, so committed corpus inputs keep decrypting.
 */
final class KerberosFixture {
  static final String REALM = "FUZZ.TEST";
  static final String SERVICE = "HTTP/www.fuzz.test@" + REALM;
  static final String CLIENT = "alice@" + REALM;
  static final Instant NOW = Instant.parse("2026-12-01T12:00:00.250Z");
  static final int KVNO = 3;
  static final int AES256 = 18;
  static final int USAGE_TICKET = 2;
  static final int USAGE_AUTHENTICATOR = 11;
  static final int USAGE_KRB_CRED = 14;

  static final byte[] SERVICE_KEY_BYTES = FuzzSupport.derive("fuzz service key", 32);
  static final byte[] SESSION_KEY_BYTES = FuzzSupport.derive("fuzz session key", 32);

  static final CryptoProfile PROFILE = FuzzSupport.profile(EncType.AES256_CTS_HMAC_SHA1_96);
  static final CipherKey SERVICE_KEY =
      PROFILE.key(SecretBytes.copyOf(SERVICE_KEY_BYTES));
  static final CipherKey SESSION_KEY =
      PROFILE.key(SecretBytes.copyOf(SESSION_KEY_BYTES));

  static final LongTermKey KIT_SERVICE_KEY = new LongTermKey(SERVICE,
      AesEnctype.AES256_CTS_HMAC_SHA1_96, KVNO, SERVICE_KEY_BYTES);
  static final SessionKey KIT_SESSION_KEY =
      new SessionKey(AesEnctype.AES256_CTS_HMAC_SHA1_96, SESSION_KEY_BYTES);
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final TicketForge FORGE = TicketForge.forService(KIT_SERVICE_KEY).withClock(CLOCK);

  static final ServiceKeyTable KEYS = ServiceKeyTable.of(List.of(new ServiceKey(
      PrincipalName.parse(SERVICE, ""), KVNO, EncType.AES256_CTS_HMAC_SHA1_96,
      SecretBytes.copyOf(SERVICE_KEY_BYTES))));

  /** A valid ticket for {@link #CLIENT} sealed in the service key, with the fixed session key. */
  static final ForgedTicket TICKET = FORGE.ticket().client(CLIENT).sessionKey(KIT_SESSION_KEY)
      .build();
  /** A valid AP-REQ (mutual-required, default GSS checksum) presenting {@link #TICKET}. */
  static final ForgedApReq AP_REQ = FORGE.apReq(TICKET).build();

  private static final byte[] TICKET_DER = TICKET.encoded();
  private static final byte[] AUTHENTICATOR_CIPHER;

  static {
    try {
      ApReq req = KrbCodec.decode(AP_REQ.apReq(), ApReq.class);
      AUTHENTICATOR_CIPHER = req.getEncryptedAuthenticator().getCipher();
    } catch (KrbException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private KerberosFixture() {}

  /** A fresh acceptor with its own empty replay cache. */
  static Acceptor acceptor() {
    InMemoryReplayCache cache = new InMemoryReplayCache(CLOCK, 1000);
    ApPolicy policy = ApPolicy.builder().clock(CLOCK).replayCache(cache).build();
    return new Acceptor(new ApAcceptor(KEYS, policy), cache);
  }

  /** An acceptor and the replay cache it writes to (to check it is untouched on rejection). */
  record Acceptor(ApAcceptor ap, InMemoryReplayCache cache) {}

  /** The plaintext EncTicketPart of the valid ticket (Kerby's encoding). */
  static byte[] validTicketPlaintext() {
    try {
      org.apache.kerby.kerberos.kerb.type.ticket.Ticket t = TICKET.kerbyTicket();
      return ForgeCrypto.kerby().decrypt(AesEnctype.AES256_CTS_HMAC_SHA1_96, SERVICE_KEY_BYTES,
          USAGE_TICKET, t.getEncryptedEncPart().getCipher());
    } catch (RuntimeException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The plaintext Authenticator of {@link #AP_REQ} (Kerby's encoding). */
  static byte[] validAuthenticatorPlaintext() {
    return ForgeCrypto.kerby().decrypt(AesEnctype.AES256_CTS_HMAC_SHA1_96, SESSION_KEY_BYTES,
        USAGE_AUTHENTICATOR, AUTHENTICATOR_CIPHER);
  }

  /** A GSS AP-REQ token whose ticket enc-part is {@code encTicketPart} sealed in the service key. */
  static byte[] tokenWithTicketPlaintext(byte[] encTicketPart) {
    byte[] cipher = PROFILE.encrypt(SERVICE_KEY, USAGE_TICKET, encTicketPart, 0,
        encTicketPart.length);
    byte[] ticket = DerWriter.application(1,
        DerWriter.explicit(0, DerWriter.integer(5)),
        DerWriter.explicit(1, DerWriter.generalString(REALM)),
        DerWriter.explicit(2, principal(PrincipalName.NT_SRV_INST, "HTTP", "www.fuzz.test")),
        DerWriter.explicit(3, encryptedData(AES256, (long) KVNO, cipher)));
    return token(ticket, AUTHENTICATOR_CIPHER);
  }

  /** A GSS AP-REQ token presenting the valid ticket with {@code authenticator} sealed in the session key. */
  static byte[] tokenWithAuthenticatorPlaintext(byte[] authenticator) {
    byte[] cipher = PROFILE.encrypt(SESSION_KEY, USAGE_AUTHENTICATOR, authenticator, 0,
        authenticator.length);
    return token(TICKET_DER, cipher);
  }

  /**
   * A valid Authenticator for {@link #CLIENT} at {@link #NOW} whose cksum is type 0x8003 with
   * {@code value} (RFC 4121 §4.1.1).
   */
  static byte[] authenticatorWithGssChecksum(byte[] value) {
    return DerWriter.application(2,
        DerWriter.explicit(0, DerWriter.integer(5)),
        DerWriter.explicit(1, DerWriter.generalString(REALM)),
        DerWriter.explicit(2, principal(PrincipalName.NT_PRINCIPAL, "alice")),
        DerWriter.explicit(3, DerWriter.sequence(
            DerWriter.explicit(0, DerWriter.integer(0x8003)),
            DerWriter.explicit(1, DerWriter.octetString(value)))),
        DerWriter.explicit(4, DerWriter.integer(NOW.getNano() / 1000)),
        DerWriter.explicit(5, DerWriter.kerberosTime(NOW)),
        DerWriter.explicit(7, DerWriter.integer(12345)));
  }

  private static byte[] token(byte[] ticket, byte[] authenticatorCipher) {
    byte[] apReq = DerWriter.application(14,
        DerWriter.explicit(0, DerWriter.integer(5)),
        DerWriter.explicit(1, DerWriter.integer(14)),
        DerWriter.explicit(2, DerWriter.element(0x03, new byte[] {0, 0x20, 0, 0, 0})),
        DerWriter.explicit(3, ticket),
        DerWriter.explicit(4, encryptedData(AES256, null, authenticatorCipher)));
    return InitialContextToken.frame(InitialContextToken.KRB5_OID,
        InitialContextToken.TOK_AP_REQ, apReq);
  }

  static byte[] encryptedData(int etype, Long kvno, byte[] cipher) {
    return kvno == null
        ? DerWriter.sequence(DerWriter.explicit(0, DerWriter.integer(etype)),
            DerWriter.explicit(2, DerWriter.octetString(cipher)))
        : DerWriter.sequence(DerWriter.explicit(0, DerWriter.integer(etype)),
            DerWriter.explicit(1, DerWriter.integer(kvno)),
            DerWriter.explicit(2, DerWriter.octetString(cipher)));
  }

  static byte[] principal(int type, String... components) {
    byte[][] strings = new byte[components.length][];
    for (int i = 0; i < components.length; i++) {
      strings[i] = DerWriter.generalString(components[i]);
    }
    return DerWriter.sequence(DerWriter.explicit(0, DerWriter.integer(type)),
        DerWriter.explicit(1, DerWriter.sequence(strings)));
  }
}
