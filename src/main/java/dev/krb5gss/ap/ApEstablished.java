package dev.krb5gss.ap;

import dev.krb5gss.crypto.CipherKey;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.name.PrincipalName;
import dev.krb5gss.pac.Pac;
import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;

/**
 * A verified AP exchange (RFC 4120 §3.2.3, RFC 4121 §4.1): the authenticated client, the service,
 * the negotiated context flags, the keys, sequence numbers and ticket times. Only
 * {@link ApAcceptor} creates one. Immutable except {@link #destroy()}; {@link #toString()} shows
 * no keys.
 */
public final class ApEstablished {
  private final PrincipalName client;
  private final PrincipalName service;
  private final Set<ContextFlag> flags;
  private final CipherKey sessionKey;
  private final CipherKey initiatorSubkey;
  private final CipherKey acceptorSubkey;
  private final long initiatorSequence;
  private final long acceptorSequence;
  private final Instant authTime;
  private final Instant startTime;
  private final Instant endTime;
  private final byte[] authorizationData;
  private final byte[] delegatedCredential;
  private final EncType ticketEncType;
  private final int kvno;
  private final byte[] outputToken;
  private final String mechOid;
  private final Pac pac;

  /**
   * The verified exchange: the ticket's contents (client, times, authorization data), the service
   * key that decrypted it, and what the acceptor derived; {@code flags} is a fresh set this value
   * keeps; {@code outputToken} empty when no AP-REP is sent.
   */
  ApEstablished(KerberosMessages.TicketContents ticket, PrincipalName service,
      dev.krb5gss.keytab.ServiceKey serviceKey, String mechOid, Set<ContextFlag> flags,
      CipherKey sessionKey, CipherKey initiatorSubkey, CipherKey acceptorSubkey,
      long initiatorSequence, long acceptorSequence, byte[] delegatedCredential,
      byte[] outputToken, Pac pac) {
    this.client = ticket.client();
    this.service = service;
    this.flags = Collections.unmodifiableSet(flags);
    this.sessionKey = sessionKey;
    this.initiatorSubkey = initiatorSubkey;
    this.acceptorSubkey = acceptorSubkey;
    this.initiatorSequence = initiatorSequence;
    this.acceptorSequence = acceptorSequence;
    this.authTime = ticket.authTime();
    this.startTime = ticket.startTime();
    this.endTime = ticket.endTime();
    this.authorizationData = ticket.authorizationData();
    this.delegatedCredential = delegatedCredential;
    this.ticketEncType = serviceKey.encType();
    this.kvno = serviceKey.kvno();
    this.outputToken = outputToken;
    this.mechOid = mechOid;
    this.pac = pac;
  }

  /** The authenticated client principal (from the ticket, matched by the authenticator). */
  public PrincipalName client() {
    return client;
  }

  /**
   * The service principal the ticket names. The sname travels in clear (RFC 4120 §5.3): what is
   * proven is that the ticket decrypted with this principal's key, and the acceptor's allowlist
   * admitted every keytab principal sharing that key.
   */
  public PrincipalName service() {
    return service;
  }

  public Set<ContextFlag> flags() {
    return flags;
  }

  public boolean has(ContextFlag flag) {
    return flags.contains(flag);
  }

  /** The ticket's session key. */
  public CipherKey sessionKey() {
    return sessionKey;
  }

  /** The subkey from the authenticator, if the initiator sent one. */
  public Optional<CipherKey> initiatorSubkey() {
    return Optional.ofNullable(initiatorSubkey);
  }

  /** The subkey we sent in the AP-REP, if we sent one. */
  public Optional<CipherKey> acceptorSubkey() {
    return Optional.ofNullable(acceptorSubkey);
  }

  /**
   * The key for per-message tokens, RFC 4121 §2: the acceptor subkey if present, else the
   * initiator subkey, else the session key.
   */
  public CipherKey contextKey() {
    return acceptorSubkey != null ? acceptorSubkey
        : initiatorSubkey != null ? initiatorSubkey : sessionKey;
  }

  /** The initiator's initial sequence number (from the authenticator; 0 if it sent none). */
  public long initiatorSequence() {
    return initiatorSequence;
  }

  /**
   * Our initial sequence number: the one in the AP-REP, or without an AP-REP the initiator's
   * (as MIT and the JDK do).
   */
  public long acceptorSequence() {
    return acceptorSequence;
  }

  public Instant authTime() {
    return authTime;
  }

  public Optional<Instant> startTime() {
    return Optional.ofNullable(startTime);
  }

  /** The ticket's end time: the context lifetime. */
  public Instant endTime() {
    return endTime;
  }

  /** The ticket's authorization-data (RFC 4120 §5.2.6) as raw DER (a copy); empty if none. */
  public byte[] authorizationData() {
    return authorizationData.clone();
  }

  /**
   * The KRB-CRED (RFC 4120 §5.8) the client delegated in the 0x8003 checksum, raw (a copy the
   * caller should wipe when done); its enc-part is encrypted in the session key, usage 14, or
   * unencrypted (etype 0, as the JDK's and MIT's initiators may send).
   */
  public Optional<byte[]> delegatedCredential() {
    return Optional.ofNullable(delegatedCredential).map(byte[]::clone);
  }

  /** The enctype of the service key that decrypted the ticket. */
  public EncType ticketEncType() {
    return ticketEncType;
  }

  /** The key version of the service key that decrypted the ticket. */
  public int kvno() {
    return kvno;
  }

  /** The framed AP-REP (TOK_ID 02 00) to send back, or empty when no mutual auth was asked for. */
  public byte[] outputToken() {
    return outputToken.clone();
  }

  /** The length of {@link #outputToken()}: 0 when there is nothing to send. */
  public int outputTokenLength() {
    return outputToken.length;
  }

  /** The mechanism OID seen in the framing: {@link InitialContextToken#KRB5_OID} or the MS one. */
  public String mechOid() {
    return mechOid;
  }

  /**
   * The ticket's verified PAC (MS-PAC), empty when the ticket carried none (Kerby) or only a PAC
   * without KERB_VALIDATION_INFO (MIT krb5 1.20+). A PAC that failed verification never gets here: the token was rejected with
   * {@link dev.krb5gss.error.Reason#PAC_INVALID}.
   */
  public Optional<Pac> pac() {
    return Optional.ofNullable(pac);
  }

  /**
   * Wipes the session key and subkeys (and the keys derived from them, see
   * {@link CipherKey#destroy()}) and zeroes the delegated KRB-CRED held here: with an
   * unencrypted (etype 0) KRB-CRED it holds the delegated TGT's session key in clear. Copies
   * already handed out by {@link #delegatedCredential()} are the caller's to wipe. Per-message
   * protection refuses a destroyed context ({@code MessageProtection}).
   */
  public void destroy() {
    if (delegatedCredential != null) {
      java.util.Arrays.fill(delegatedCredential, (byte) 0);
    }
    sessionKey.destroy();
    if (initiatorSubkey != null) {
      initiatorSubkey.destroy();
    }
    if (acceptorSubkey != null) {
      acceptorSubkey.destroy();
    }
  }

  @Override
  public String toString() {
    return "ApEstablished[" + client + " -> " + service + ", " + flags + ", "
        + contextKey().encType() + ", kvno " + kvno + ", until " + endTime + "]";
  }
}
