package dev.krb5gss.ap;

import dev.krb5gss.ap.KerberosMessages.ApRequest;
import dev.krb5gss.ap.KerberosMessages.AuthenticatorContents;
import dev.krb5gss.ap.KerberosMessages.EncryptedPart;
import dev.krb5gss.ap.KerberosMessages.TicketContents;
import dev.krb5gss.crypto.CipherKey;
import dev.krb5gss.crypto.CryptoProfile;
import dev.krb5gss.crypto.CryptoProfiles;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.crypto.SecureRandoms;
import dev.krb5gss.error.InternalFaultException;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.keytab.KeySource;
import dev.krb5gss.keytab.ServiceKey;
import dev.krb5gss.keytab.ServiceKeyTable;
import dev.krb5gss.name.PrincipalName;
import dev.krb5gss.pac.Pac;
import dev.krb5gss.pac.PacVerifier;
import dev.krb5gss.replay.ReplayCacheFullException;
import dev.krb5gss.replay.ReplayCacheUnavailableException;
import dev.krb5gss.replay.ReplayKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * key lookup, the allowlist again for every principal sharing the selected key, the ticket and
 * authenticator decryption, the client match, clock skew, ticket times, the 0x8003 checksum and
 * channel bindings, the ticket's PAC (MS-PAC, see {@link PacVerifier}), and the replay cache last,
 * so a token that fails any other check never enters the cache.
 *
 * <p>The ticket's sname is not authenticated (RFC 4120 §5.3: it is outside the encrypted part), so
 * what this class reports as the service is the name the client sent, proven only to be one of the
 * principals holding the key that decrypted the ticket. Hence the replay cache is keyed without it
 * ({@link ReplayKey}), and the allowlist must admit every keytab principal that shares the
 * decrypting key (same enctype and key bytes): otherwise a ticket for a principal outside the
 * allowlist could be presented under an allowed name. Such a ticket is refused with
 * {@link Reason#SERVICE_NOT_ALLOWED}, naming the principals to admit or to remove from the keytab.
 */
public final class ApAcceptor {
  private static final System.Logger LOG = System.getLogger(ApAcceptor.class.getName());

  private final KeySource keys;
  private final ApPolicy policy;
  private final ApCrypto crypto;

  public ApAcceptor(KeySource keys, ApPolicy policy) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.crypto = new ApCrypto(policy.enctypes());
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
    try {
      InitialContextToken ict = InitialContextToken.parseApReq(token, policy.maxTokenSize());
      ApRequest req = ApRequestDecoder.apRequest(ict.token(), ict.bodyOffset());
      try {
        return verify(ict.mechOid(), req, bindings);
      } catch (RejectedException e) {
        throw withErrorToken(e, ict.mechOid(), req);
      }
    } catch (RejectedException | InternalFaultException e) {
      if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
        LOG.log(System.Logger.Level.DEBUG, "AP-REQ rejected: {0}",
            dev.krb5gss.der.PeerText.forLog(String.valueOf(e.getMessage()), 2048));
      }
      throw e;
    } catch (RuntimeException e) {
      throw new InternalFaultException("unexpected failure while verifying an AP-REQ", e);
    }
  }

  /** MIT sends a KRB-ERROR when the client asked for mutual authentication, and on clock skew. */
  private RejectedException withErrorToken(RejectedException e, String mechOid, ApRequest req) {
    if (!req.mutualRequired() && e.reason() != Reason.CLOCK_SKEW) {
      return e;
    }
    return e.withErrorToken(KrbErrorBuilder.build(mechOid, e.reason(), req.ticket().server(),
        policy.clock().instant()));
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
    CryptoProfile ticketProfile = crypto.permitted(ticketType, "the ticket for ", server);
    ServiceKeyTable table = keys.current();
    ServiceKey serviceKey = selectKey(table, server, ticketEnc, ticketType);
    checkKeySharers(table, server, serviceKey);
    return verifyTicket(mechOid, req, bindings, serviceKey, ticketProfile);
  }

  private ApEstablished verifyTicket(String mechOid, ApRequest req, ChannelBindings bindings,
      ServiceKey serviceKey, CryptoProfile ticketProfile) throws RejectedException {
    PrincipalName server = req.ticket().server();
    TicketContents ticket = crypto.decryptTicket(req.ticket().encPart(), serviceKey, ticketProfile);
    // The keys made below are destroyed if the exchange fails after them.
    CipherKey sessionKey = null;
    CipherKey initiatorSubkey = null;
    CipherKey acceptorSubkey = null;
    try {
      sessionKey = crypto.cipherKey(ticket.key(), "the session key of the ticket for ", server);
      AuthenticatorContents auth = crypto.decryptAuthenticator(req.authenticator(), sessionKey,
          ticket.client());
      if (!auth.client().equals(ticket.client())) {
        throw new RejectedException(Reason.CLIENT_MISMATCH, "the authenticator names "
            + auth.client() + ", but the ticket was issued to " + ticket.client());
      }
      Instant now = policy.clock().instant();
      TicketValidator.checkSkew(auth.ctime(), auth.cusec(), now, policy.maxSkew());
      TicketValidator.checkTicket(ticket, now, policy.maxSkew());
      GssChecksum cksum = GssChecksum.parse(auth.checksum());
      if ((cksum.flags() & GssChecksum.DCE_STYLE) != 0) {
        throw new RejectedException(Reason.UNSUPPORTED_OPERATION, "the client asked for "
            + "DCE-style (three-leg) authentication, which this acceptor does not support");
      }
      cksum.checkBindings(bindings, policy.requireChannelBindings());
      if (auth.subkey() != null) {
        initiatorSubkey = crypto.cipherKey(auth.subkey(), "the authenticator subkey from ",
            auth.client());
      }
      Pac pac = verifyPac(ticket, serviceKey);
      checkReplay(auth, server, req.authenticator(), now);

      Set<ContextFlag> flags = ContextFlag.fromBits(cksum.flags());
      byte[] delegated = cksum.takeDelegation();
      if (delegated == null) {
        flags.remove(ContextFlag.DELEG);
      }
      long initiatorSequence = auth.seqNumber() == KerberosMessages.NO_SEQ_NUMBER ? 0
          : auth.seqNumber();
      long acceptorSequence = initiatorSequence;
      byte[] outputToken = NO_TOKEN;
      if (req.mutualRequired() || flags.contains(ContextFlag.MUTUAL)) {
        // The AP-REP, RFC 4121 §2 / §4.1: a fresh acceptor subkey and a random initial sequence.
        acceptorSubkey = acceptorSubkey(initiatorSubkey != null ? initiatorSubkey : sessionKey);
        acceptorSequence = SecureRandoms.nextInt() & 0x3fffffff;
        flags.add(ContextFlag.MUTUAL);
        outputToken = ApReplyBuilder.build(mechOid, sessionKey, auth.ctime(), auth.cusec(),
            acceptorSubkey, acceptorSequence);
      }
      return new ApEstablished(ticket, server, serviceKey, mechOid, flags, sessionKey,
          initiatorSubkey, acceptorSubkey, initiatorSequence, acceptorSequence, delegated,
          outputToken, pac);
    } catch (RejectedException | RuntimeException e) {
      destroy(sessionKey);
      destroy(initiatorSubkey);
      destroy(acceptorSubkey);
      throw e;
    }
  }

  private static void destroy(CipherKey key) {
    if (key != null) {
      key.destroy();
    }
  }

  private static final byte[] NO_TOKEN = {};

  /**
   * A fresh acceptor subkey of the initiator subkey's enctype if any, else the session key's
   * ({@code base}), as MIT does; none for rc4-hmac: its RFC 4757 §7 tokens do not say which key
   * protects them, so both sides keep the initiator's key (RFC 4121 §2 "not-newer" enctypes, as
   * MIT and Heimdal acceptors do).
   */
  private static CipherKey acceptorSubkey(CipherKey base) {
    if (base.encType().equals(EncType.RC4_HMAC)) {
      return null;
    }
    return CryptoProfiles.of(base.encType()).orElseThrow(
        () -> new InternalFaultException("no profile for " + base.encType())).randomKey();
  }

  /** The ticket's verified PAC, or null when it has none and the policy does not require one. */
  private Pac verifyPac(TicketContents ticket, ServiceKey serviceKey) throws RejectedException {
    Pac pac = PacVerifier.verify(ticket.authorizationData(), ticket.client(), ticket.authTime(),
        serviceKey.cipherKey()).orElse(null);
    if (pac == null && policy.requirePac()) {
      throw new RejectedException(Reason.PAC_REQUIRED, "the ticket of " + ticket.client()
          + " carries no PAC (MS-PAC) with KERB_VALIDATION_INFO, and this acceptor requires one: "
          + "the client's KDC is not an Active Directory domain controller (MIT krb5 1.20+ "
          + "issues a PAC without the Windows logon info), or issued the ticket without a PAC "
          + "(account flag NO_AUTH_DATA_REQUIRED)");
    }
    return pac;
  }

  private ServiceKey selectKey(ServiceKeyTable table, PrincipalName server, EncryptedPart enc,
      EncType type) throws RejectedException {
    if (table.isEmpty()) {
      throw new RejectedException(Reason.NO_CREDENTIALS, "the acceptor has no service keys "
          + "(empty keytab) to decrypt the ticket for " + server);
    }
    Integer kvno = enc.kvno() == null ? null : (int) (long) enc.kvno();
    try {
      return table.select(server, kvno, type);
    } catch (RejectedException miss) {
      // A keytab rotated a moment ago: look at the files now (rate-limited by the source).
      ServiceKeyTable now = isKeyMiss(miss) ? keys.checkedNow() : table;
      if (now == table) {
        throw miss;
      }
      return now.select(server, kvno, type);
    }
  }

  private static boolean isKeyMiss(RejectedException e) {
    return e.reason() == Reason.SERVICE_NOT_IN_KEYTAB || e.reason() == Reason.KVNO_MISMATCH
        || e.reason() == Reason.ENCTYPE_NOT_IN_KEYTAB;
  }

  /**
   * The allowlist must admit every principal whose key decrypts this ticket, since the sname that
   * selected the key is not authenticated (see the class comment).
   */
  private void checkKeySharers(ServiceKeyTable table, PrincipalName server, ServiceKey serviceKey)
      throws RejectedException {
    Set<PrincipalName> sharers = table.principalsSharing(serviceKey);
    if (sharers.isEmpty()) {
      return; // the usual keytab: no iterator to walk
    }
    List<PrincipalName> refused = new ArrayList<>();
    for (PrincipalName p : sharers) {
      if (!policy.allowedServices().test(p)) {
        refused.add(p);
      }
    }
    if (!refused.isEmpty()) {
      throw new RejectedException(Reason.SERVICE_NOT_ALLOWED, "the ticket names " + server
          + ", which shares its key (kvno " + serviceKey.kvno() + ", "
          + serviceKey.encType().mitName() + ") with " + ServiceKeyTable.sample(refused)
          + ", which the service allowlist does not admit; the ticket's service name is not "
          + "authenticated, so the ticket may have been issued for one of those: admit them in the "
          + "allowlist, or remove them from the keytab (or give them their own key)");
    }
  }

  /**
   * Records the authenticator until {@code ctime + skew}: the last instant at which the skew
   * check (inclusive at both ends) would admit it again, RFC 4120 §3.2.3. The expiry handed to
   * the cache is one millisecond past that instant rounded up, so a cache that treats its expiry
   * as exclusive still covers it.
   */
  private void checkReplay(AuthenticatorContents auth, PrincipalName server, EncryptedPart enc,
      Instant now) throws RejectedException {
    ReplayKey key = ReplayKey.of(auth.client(), auth.ctime(), auth.cusec(), enc.data(),
        enc.offset(), enc.length());
    Instant expires = replayExpiry(auth.ctime(), auth.cusec(), policy.maxSkew());
    boolean fresh;
    try {
      fresh = policy.replayCache().checkAndInsert(key, expires);
    } catch (ReplayCacheFullException e) {
      throw new RejectedException(Reason.REPLAY_CACHE_FULL, e.getMessage());
    } catch (ReplayCacheUnavailableException e) {
      throw new RejectedException(Reason.REPLAY_CACHE_UNAVAILABLE, e.getMessage());
    }
    if (!fresh) {
      throw new RejectedException(Reason.REPLAY, "this authenticator from " + auth.client()
          + " to " + server + " (time " + auth.ctime() + ", " + auth.cusec() + " us) was "
          + "already accepted: the token was replayed (or resent by a client or proxy)");
    }
  }

  /** The first whole millisecond strictly after {@code ctime + cusec + skew}. */
  static Instant replayExpiry(Instant ctime, int cusec, Duration skew) {
    // ctime + cusec + skew, truncated to the millisecond, plus one millisecond: computed in
    // milliseconds (ctime is within the skew of now, checked before), one Instant made.
    long nanos = (long) ctime.getNano() + cusec * 1000L + skew.getNano();
    long seconds = ctime.getEpochSecond() + skew.getSeconds() + nanos / 1_000_000_000L;
    long millis = seconds * 1000L + (nanos % 1_000_000_000L) / 1_000_000L;
    return Instant.ofEpochMilli(millis + 1);
  }

  @Override
  public String toString() {
    return "ApAcceptor[" + keys + ", " + policy + "]";
  }
}
