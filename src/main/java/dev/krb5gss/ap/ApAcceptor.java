package dev.krb5gss.ap;

import dev.krb5gss.ap.KerberosMessages.ApRequest;
import dev.krb5gss.ap.KerberosMessages.AuthenticatorContents;
import dev.krb5gss.ap.KerberosMessages.EncryptedPart;
import dev.krb5gss.ap.KerberosMessages.KeyValue;
import dev.krb5gss.ap.KerberosMessages.TicketContents;
import dev.krb5gss.crypto.CipherKey;
import dev.krb5gss.crypto.CryptoProfile;
import dev.krb5gss.crypto.CryptoProfiles;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.crypto.IntegrityException;
import dev.krb5gss.crypto.SecretBytes;
import dev.krb5gss.error.InternalFaultException;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.keytab.KeySource;
import dev.krb5gss.keytab.ServiceKey;
import dev.krb5gss.keytab.ServiceKeyTable;
import dev.krb5gss.name.PrincipalName;
import dev.krb5gss.replay.ReplayCacheFullException;
import dev.krb5gss.replay.ReplayKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The Kerberos V5 acceptor: verifies an RFC 4121 §4.1 initial context token (a KRB_AP_REQ) as
 * RFC 4120 §3.2.3 prescribes and, when the client asked for mutual authentication, builds the
 * KRB_AP_REP (§3.2.4) with an acceptor subkey. Immutable and thread-safe: one per credential and
 * policy.
 *
 * <p>Order of checks: framing and DER first, then the service allowlist, the enctype policy, the
 * key lookup, the ticket and authenticator decryption, the client match, clock skew, ticket times,
 * the 0x8003 checksum and channel bindings, and the replay cache last, so a token that fails any
 * other check never enters the cache.
 */
public final class ApAcceptor {
  /** Key usage of the ticket's enc-part, RFC 4120 §7.5.1. */
  static final int USAGE_TICKET = 2;
  /** Key usage of the AP-REQ authenticator, RFC 4120 §7.5.1. */
  static final int USAGE_AUTHENTICATOR = 11;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final System.Logger LOG = System.getLogger(ApAcceptor.class.getName());

  private final KeySource keys;
  private final ApPolicy policy;

  public ApAcceptor(KeySource keys, ApPolicy policy) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  public ApPolicy policy() {
    return policy;
  }

  /**
   * Verifies an initial context token and establishes the context.
   *
   * @param token the token, RFC 2743 framed or starting at TOK_ID
   * @param bindings the acceptor's channel bindings, or null for none
   * @throws RejectedException with the reason; where MIT would send one (mutual authentication
   *     requested, or clock skew), {@link RejectedException#errorToken()} holds a KRB-ERROR token
   */
  public ApEstablished accept(byte[] token, ChannelBindings bindings) throws RejectedException {
    InitialContextToken ict = InitialContextToken.parseApReq(token, policy.maxTokenSize());
    ApRequest req = ApRequestDecoder.apRequest(ict.body());
    try {
      return verify(ict.mechOid(), req, bindings);
    } catch (RejectedException e) {
      LOG.log(System.Logger.Level.DEBUG, "AP-REQ rejected: {0}", e.getMessage());
      if (req.mutualRequired() || e.reason() == Reason.CLOCK_SKEW) {
        throw e.withErrorToken(KrbErrorBuilder.build(ict.mechOid(), e.reason(),
            req.ticket().server(), policy.clock().instant()));
      }
      throw e;
    } catch (InternalFaultException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new InternalFaultException("unexpected failure while verifying an AP-REQ", e);
    }
  }

  private ApEstablished verify(String mechOid, ApRequest req, ChannelBindings bindings)
      throws RejectedException {
    if ((req.apOptions() & KerberosMessages.AP_USE_SESSION_KEY) != 0) {
      throw new RejectedException(Reason.UNSUPPORTED_OPERATION, "the AP-REQ asks for "
          + "user-to-user authentication (use-session-key), which this acceptor does not support");
    }
    PrincipalName server = req.ticket().server();
    if (!policy.allowedServices().test(server)) {
      throw new RejectedException(Reason.SERVICE_NOT_ALLOWED, "the ticket is for " + server
          + ", which the acceptor's service allowlist does not admit");
    }
    EncryptedPart ticketEnc = req.ticket().encPart();
    EncType ticketType = EncType.of(ticketEnc.etype());
    CryptoProfile ticketProfile = permitted(ticketType, "the ticket for " + server);
    ServiceKey serviceKey = selectKey(server, ticketEnc, ticketType);
    List<CipherKey> created = new ArrayList<>();
    try {
      return verifyTicket(mechOid, req, bindings, serviceKey, ticketProfile, created);
    } catch (RejectedException | RuntimeException e) {
      created.forEach(CipherKey::destroy);
      throw e;
    }
  }

  private ApEstablished verifyTicket(String mechOid, ApRequest req, ChannelBindings bindings,
      ServiceKey serviceKey, CryptoProfile ticketProfile, List<CipherKey> created)
      throws RejectedException {
    PrincipalName server = req.ticket().server();
    TicketContents ticket = decryptTicket(req, serviceKey, ticketProfile);
    CipherKey sessionKey = cipherKey(ticket.key(), "the session key of the ticket for " + server);
    created.add(sessionKey);
    EncryptedPart authEnc = req.authenticator();
    AuthenticatorContents auth = decryptAuthenticator(authEnc, sessionKey);
    if (!auth.client().equals(ticket.client())) {
      throw new RejectedException(Reason.CLIENT_MISMATCH, "the authenticator names "
          + auth.client() + ", but the ticket was issued to " + ticket.client());
    }
    Instant now = policy.clock().instant();
    Instant ctime = auth.ctime().plusNanos(auth.cusec() * 1000L);
    TicketValidator.checkSkew(ctime, now, policy.maxSkew());
    TicketValidator.checkTicket(ticket, now, policy.maxSkew());
    GssChecksum cksum = GssChecksum.parse(auth.checksum());
    if ((cksum.flags() & GssChecksum.DCE_STYLE) != 0) {
      throw new RejectedException(Reason.UNSUPPORTED_OPERATION, "the client asked for "
          + "DCE-style (three-leg) authentication, which this acceptor does not support");
    }
    cksum.checkBindings(bindings, policy.requireChannelBindings());
    CipherKey initiatorSubkey = null;
    if (auth.subkey() != null) {
      initiatorSubkey = cipherKey(auth.subkey(), "the authenticator subkey from " + auth.client());
      created.add(initiatorSubkey);
    }
    Set<ContextFlag> flags = ContextFlag.fromBits(cksum.flags());
    boolean mutual = req.mutualRequired() || flags.contains(ContextFlag.MUTUAL);
    checkReplay(auth, server, authEnc, now);

    ApEstablished.Builder b = new ApEstablished.Builder();
    b.client = ticket.client();
    b.service = server;
    b.sessionKey = sessionKey;
    b.initiatorSubkey = initiatorSubkey;
    b.initiatorSequence = auth.seqNumber() == null ? 0 : auth.seqNumber();
    b.acceptorSequence = b.initiatorSequence;
    if (mutual) {
      flags.add(ContextFlag.MUTUAL);
      CipherKey base = initiatorSubkey != null ? initiatorSubkey : sessionKey;
      b.acceptorSubkey = CryptoProfiles.of(base.encType()).orElseThrow().randomKey();
      created.add(b.acceptorSubkey);
      b.acceptorSequence = RANDOM.nextInt() & 0x3fffffff;
      b.outputToken = ApReplyBuilder.build(mechOid, sessionKey, auth.ctime(), auth.cusec(),
          b.acceptorSubkey, b.acceptorSequence);
    }
    b.delegatedCredential = cksum.delegation();
    if (b.delegatedCredential == null) {
      flags.remove(ContextFlag.DELEG);
    }
    b.flags = flags;
    b.authTime = ticket.authTime();
    b.startTime = ticket.startTime();
    b.endTime = ticket.endTime();
    b.authorizationData = ticket.authorizationData();
    b.ticketEncType = serviceKey.encType();
    b.kvno = serviceKey.kvno();
    b.mechOid = mechOid;
    return b.build();
  }

  private CryptoProfile permitted(EncType type, String what) throws RejectedException {
    if (!policy.enctypes().permits(type)) {
      throw new RejectedException(Reason.ENCTYPE_NOT_PERMITTED, what + " uses " + type + ": "
          + policy.enctypes().refusal(type));
    }
    return CryptoProfiles.of(type).orElseThrow(() -> new RejectedException(
        Reason.ENCTYPE_NOT_PERMITTED, what + " uses " + type + ", which is permitted by the "
            + "policy but not implemented by this library"));
  }

  private ServiceKey selectKey(PrincipalName server, EncryptedPart enc, EncType type)
      throws RejectedException {
    ServiceKeyTable table = keys.current();
    if (table.isEmpty()) {
      throw new RejectedException(Reason.NO_CREDENTIALS, "the acceptor has no service keys "
          + "(empty keytab) to decrypt the ticket for " + server);
    }
    Integer kvno = enc.kvno() == null ? null : (int) (long) enc.kvno();
    return table.select(server, kvno, type);
  }

  private static TicketContents decryptTicket(ApRequest req, ServiceKey key, CryptoProfile profile)
      throws RejectedException {
    byte[] cipher = req.ticket().encPart().cipher();
    byte[] plain;
    try {
      plain = profile.decrypt(key.cipherKey(), USAGE_TICKET, cipher, 0, cipher.length);
    } catch (IntegrityException e) {
      throw new RejectedException(Reason.TICKET_INTEGRITY, "the ticket for " + key.principal()
          + " did not decrypt with the keytab's key of the same kvno (" + key.kvno()
          + ") and enctype (" + key.encType().mitName() + "): the keytab key is wrong (keys "
          + "changed without a new kvno, or the SPN belongs to another account); re-export the "
          + "keytab");
    }
    try {
      return ApRequestDecoder.encTicketPart(plain);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  private static AuthenticatorContents decryptAuthenticator(EncryptedPart enc, CipherKey session)
      throws RejectedException {
    if (enc.etype() != session.encType().id()) {
      throw new RejectedException(Reason.AUTHENTICATOR_INTEGRITY, "the authenticator is "
          + "encrypted with " + EncType.of(enc.etype()) + ", but the ticket's session key is "
          + session.encType());
    }
    CryptoProfile profile = CryptoProfiles.of(session.encType()).orElseThrow();
    byte[] plain;
    try {
      plain = profile.decrypt(session, USAGE_AUTHENTICATOR, enc.cipher(), 0, enc.cipher().length);
    } catch (IntegrityException e) {
      throw new RejectedException(Reason.AUTHENTICATOR_INTEGRITY, "the authenticator did not "
          + "decrypt with the ticket's session key: it was altered or made for another ticket");
    }
    try {
      return ApRequestDecoder.authenticator(plain);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  private CipherKey cipherKey(KeyValue kv, String what) throws RejectedException {
    byte[] value = kv.keyValue();
    try {
      CryptoProfile profile = permitted(EncType.of(kv.keyType()), what);
      if (value.length != profile.keyLength()) {
        throw new RejectedException(Reason.MALFORMED_TOKEN, what + " has " + value.length
            + " bytes, " + profile.encType().mitName() + " keys have " + profile.keyLength());
      }
      return profile.key(SecretBytes.copyOf(value));
    } finally {
      Arrays.fill(value, (byte) 0);
    }
  }

  private void checkReplay(AuthenticatorContents auth, PrincipalName server, EncryptedPart enc,
      Instant now) throws RejectedException {
    ReplayKey key = ReplayKey.of(auth.client(), server, auth.ctime(), auth.cusec(), enc.cipher());
    Instant expires = now.plus(policy.maxSkew().multipliedBy(2));
    boolean fresh;
    try {
      fresh = policy.replayCache().checkAndInsert(key, expires);
    } catch (ReplayCacheFullException e) {
      throw new RejectedException(Reason.TOO_MANY_PENDING, e.getMessage());
    }
    if (!fresh) {
      throw new RejectedException(Reason.REPLAY, "this authenticator from " + auth.client()
          + " to " + server + " (time " + auth.ctime() + ", " + auth.cusec() + " us) was "
          + "already accepted: the token was replayed (or resent by a client or proxy)");
    }
  }

  @Override
  public String toString() {
    return "ApAcceptor[" + keys + ", " + policy + "]";
  }
}
