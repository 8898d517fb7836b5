package dev.krb5gss.testkit;

import java.time.Clock;
import java.util.Objects;
import javax.security.auth.Subject;
import org.apache.kerby.kerberos.kerb.type.ticket.TicketFlag;

/**
 * Forges Kerberos tickets and AP-REQs for a service key (RFC 4120 §5.3, §5.5.1; GSS framing per
 * RFC 4121 §4.1) with every field under the test's control — the way to reach negative cases and
 * enctypes the Kerby KDC cannot issue. "Now" comes from an injected {@link Clock}; all encryption
 * goes through a {@link ForgeCrypto}.
 *
 * <pre>{@code
 * TicketForge forge = TicketForge.forService(key).withClock(clock);
 * ForgedTicket ticket = forge.ticket().client("alice@REALM").build();
 * byte[] token = forge.apReq(ticket).build().gssToken();            // valid
 * byte[] expired = forge.apReq(forge.ticket().endTime(past).build()).build().gssToken();
 * }</pre>
 */
public final class TicketForge {
    /** RFC 4120 §7.5.1 key usage 2: Ticket EncTicketPart. */
    public static final int USAGE_TICKET = 2;
    /** RFC 4120 §7.5.1 key usage 11: AP-REQ Authenticator. */
    public static final int USAGE_AP_REQ_AUTHENTICATOR = 11;
    /** RFC 4120 §7.5.1 key usage 12: AP-REP EncAPRepPart. */
    public static final int USAGE_AP_REP = 12;

    private final LongTermKey serviceKey;
    private final Clock clock;
    private final ForgeCrypto crypto;

    private TicketForge(LongTermKey serviceKey, Clock clock, ForgeCrypto crypto) {
        this.serviceKey = Objects.requireNonNull(serviceKey, "serviceKey");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.crypto = Objects.requireNonNull(crypto, "crypto");
    }

    /** A forge for tickets to {@code serviceKey}'s principal, with the system clock and {@link ForgeCrypto#standard()}. */
    public static TicketForge forService(LongTermKey serviceKey) {
        return new TicketForge(serviceKey, Clock.systemUTC(), ForgeCrypto.standard());
    }

    /** The same forge with "now" read from {@code now}. */
    public TicketForge withClock(Clock now) {
        return new TicketForge(serviceKey, now, crypto);
    }

    /** The same forge encrypting with {@code implementation} (e.g. our RFC 8009 crypto). */
    public TicketForge withCrypto(ForgeCrypto implementation) {
        return new TicketForge(serviceKey, clock, implementation);
    }

    public LongTermKey serviceKey() {
        return serviceKey;
    }

    public ForgeCrypto crypto() {
        return crypto;
    }

    /** A builder for a ticket to the service, valid for the clock's now by default. */
    public TicketBuilder ticket() {
        return new TicketBuilder(serviceKey, crypto, clock.instant());
    }

    /** A builder for an AP-REQ presenting {@code ticket}, valid for the clock's now by default. */
    public ApReqBuilder apReq(ForgedTicket ticket) {
        return new ApReqBuilder(ticket, crypto, clock.instant());
    }

    /** A builder for an AP-REQ presenting a default ticket. */
    public ApReqBuilder apReq() {
        return apReq(ticket().build());
    }

    /**
     * A forwarded TGT ({@code krbtgt/REALM@REALM}, flags FORWARDABLE|FORWARDED, sealed in a
     * throw-away key) for the client of {@code ticket}, as a delegating initiator would send.
     */
    public ForgedTicket forwardedTgt(ForgedTicket ticket) {
        String realm = KerbyNames.realm(ticket.client());
        AesEnctype enctype = ticket.sessionKey().enctype();
        LongTermKey throwAway = new LongTermKey("krbtgt/" + realm + "@" + realm, enctype, 1, crypto.randomKey(enctype));
        return new TicketForge(throwAway, clock, crypto).ticket()
                .client(ticket.client())
                .flags(TicketFlag.FORWARDABLE, TicketFlag.FORWARDED)
                .build();
    }

    /**
     * A KRB-CRED (RFC 4120 §5.8) carrying {@code delegated}, encrypted in {@code key} with key usage
     * 14, or unencrypted (etype 0) when {@code key} is null; for {@link GssChecksum#delegation}.
     */
    public byte[] krbCred(ForgedTicket delegated, SessionKey key) {
        return KrbCredBuilder.encode(delegated, key, clock.instant(), crypto);
    }

    /**
     * A client Subject with which the JDK's GSS initiator presents {@code serviceTicket} without
     * asking any KDC: the client's KerberosPrincipal, a TGT-like ticket for
     * {@code krbtgt/REALM@REALM} (encrypted in a throw-away key: the initiator never opens it),
     * then the service ticket with its session key. The JDK takes the first ticket of the client
     * as its TGT and finds the service ticket by client and server name.
     */
    public Subject forgedInitiatorSubject(ForgedTicket serviceTicket) {
        return ForgedSubjects.initiator(serviceTicket, crypto, clock);
    }
}
