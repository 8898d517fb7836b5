package dev.krb5gss.testkit;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.ad.AuthorizationData;
import org.apache.kerby.kerberos.kerb.type.base.HostAddress;
import org.apache.kerby.kerberos.kerb.type.base.HostAddresses;
import org.apache.kerby.kerberos.kerb.type.base.NameType;
import org.apache.kerby.kerberos.kerb.type.base.TransitedEncoding;
import org.apache.kerby.kerberos.kerb.type.base.TransitedEncodingType;
import org.apache.kerby.kerberos.kerb.type.ticket.EncTicketPart;
import org.apache.kerby.kerberos.kerb.type.ticket.Ticket;
import org.apache.kerby.kerberos.kerb.type.ticket.TicketFlag;
import org.apache.kerby.kerberos.kerb.type.ticket.TicketFlags;

/**
 * Builds a Ticket (RFC 4120 §5.3) with an EncTicketPart encrypted in a service key (key usage 2).
 * The defaults make a valid ticket for the forge's "now": client {@code client@REALM}, a random
 * session key of the service key's enctype, flags FORWARDABLE|PRE-AUTHENT, authtime = starttime =
 * now, endtime now + 10 h, empty transited, no caddr, no authorization data. Every field can be
 * set, including ones that make the ticket invalid.
 */
public final class TicketBuilder {
    private final ForgeCrypto crypto;
    private LongTermKey encryptionKey;
    private int etypeLabel;
    private Integer kvnoLabel;
    private String server;
    private int tktVno = 5;
    private String client;
    private SessionKey sessionKey;
    private int flags = TicketFlag.FORWARDABLE.getValue() | TicketFlag.PRE_AUTH.getValue();
    private int transitedType = TransitedEncodingType.DOMAIN_X500_COMPRESS.getValue();
    private byte[] transitedContents = new byte[0];
    private Instant authTime;
    private Instant startTime;
    private Instant endTime;
    private Instant renewTill;
    private List<InetAddress> clientAddresses;
    private final AuthorizationData authorizationData = new AuthorizationData();
    private Consumer<EncTicketPart> encPartEdit = part -> { };

    TicketBuilder(LongTermKey serviceKey, ForgeCrypto crypto, Instant now) {
        this.crypto = crypto;
        this.encryptionKey = serviceKey;
        this.etypeLabel = serviceKey.enctype().id();
        this.kvnoLabel = serviceKey.kvno();
        this.server = serviceKey.principal();
        this.client = "client@" + serviceKey.realm();
        this.sessionKey = SessionKey.random(serviceKey.enctype(), crypto);
        Instant second = now.truncatedTo(ChronoUnit.SECONDS);
        this.authTime = second;
        this.startTime = second;
        this.endTime = second.plus(Duration.ofHours(10));
    }

    /** The client principal {@code name@REALM} (cname and crealm). */
    public TicketBuilder client(String principal) {
        KerbyNames.realm(principal);
        this.client = principal;
        return this;
    }

    /** The server principal {@code service/host@REALM} (sname and realm of the Ticket). */
    public TicketBuilder server(String principal) {
        KerbyNames.realm(principal);
        this.server = principal;
        return this;
    }

    public TicketBuilder sessionKey(SessionKey key) {
        this.sessionKey = Objects.requireNonNull(key);
        return this;
    }

    /** A random session key of {@code enctype} (may differ from the ticket's enctype). */
    public TicketBuilder sessionKeyOfType(AesEnctype enctype) {
        return sessionKey(SessionKey.random(enctype, crypto));
    }

    /** Replaces all flags. */
    public TicketBuilder flags(TicketFlag... set) {
        int value = 0;
        for (TicketFlag flag : set) {
            value |= flag.getValue();
        }
        return rawFlags(value);
    }

    /** Flags as a 32-bit value, bit 0 the most significant (RFC 4120 §5.3 TicketFlags). */
    public TicketBuilder rawFlags(int value) {
        this.flags = value;
        return this;
    }

    public TicketBuilder transited(int type, byte[] contents) {
        this.transitedType = type;
        this.transitedContents = contents.clone();
        return this;
    }

    public TicketBuilder authTime(Instant time) {
        this.authTime = Objects.requireNonNull(time);
        return this;
    }

    /** Null omits starttime (authtime then counts as the start). */
    public TicketBuilder startTime(Instant time) {
        this.startTime = time;
        return this;
    }

    public TicketBuilder endTime(Instant time) {
        this.endTime = Objects.requireNonNull(time);
        return this;
    }

    /** Null (the default) omits renew-till. */
    public TicketBuilder renewTill(Instant time) {
        this.renewTill = time;
        return this;
    }

    /** caddr; no argument means an empty list, null (the default) omits the field. */
    public TicketBuilder clientAddresses(InetAddress... addresses) {
        this.clientAddresses = addresses == null ? null : List.of(addresses);
        return this;
    }

    /** Adds an AuthorizationData element (RFC 4120 §5.2.6) of any ad-type. */
    public TicketBuilder addAuthorizationData(int adType, byte[] data) {
        authorizationData.add(KerbyRaw.authorizationDataEntry(adType, data));
        return this;
    }

    /** Encrypts in another key than the service's (labels stay those of the service key). */
    public TicketBuilder encryptWith(LongTermKey key) {
        this.encryptionKey = Objects.requireNonNull(key);
        return this;
    }

    /** The etype written in EncryptedData, whatever the key really is. */
    public TicketBuilder etypeLabel(int etype) {
        this.etypeLabel = etype;
        return this;
    }

    /** The kvno written in EncryptedData; null omits it. */
    public TicketBuilder kvnoLabel(Integer kvno) {
        this.kvnoLabel = kvno;
        return this;
    }

    /** tkt-vno (5 per RFC 4120). */
    public TicketBuilder tktVno(int vno) {
        this.tktVno = vno;
        return this;
    }

    /** Last-moment access to Kerby's EncTicketPart before it is encoded. */
    public TicketBuilder editEncPart(Consumer<EncTicketPart> edit) {
        this.encPartEdit = this.encPartEdit.andThen(edit);
        return this;
    }

    /** Encrypts and encodes the ticket. */
    public ForgedTicket build() {
        try {
            byte[] plain = KrbCodec.encode(encPart());
            byte[] cipher = crypto.encrypt(encryptionKey.enctype(), encryptionKey.keyBytes(),
                    TicketForge.USAGE_TICKET, plain);
            Ticket ticket = new Ticket();
            ticket.setTktKvno(tktVno);
            ticket.setRealm(KerbyNames.realm(server));
            ticket.setSname(KerbyNames.name(server, nameTypeOf(server)));
            ticket.setEncryptedEncPart(KerbyRaw.encryptedData(etypeLabel, kvnoLabel, cipher));
            ForgedTicket.TicketTimes times = new ForgedTicket.TicketTimes(authTime, startTime, endTime, renewTill);
            return new ForgedTicket(ticket, KrbCodec.encode(ticket), sessionKey, client, server, flags, times,
                    clientAddresses == null ? null : new ArrayList<>(clientAddresses));
        } catch (KrbException e) {
            throw new IllegalStateException("Kerby could not encode the forged ticket", e);
        }
    }

    private EncTicketPart encPart() {
        EncTicketPart part = new EncTicketPart();
        part.setFlags(new TicketFlags(flags));
        part.setKey(KerbyRaw.encryptionKey(sessionKey.enctype().id(), sessionKey.keyBytes()));
        part.setCrealm(KerbyNames.realm(client));
        part.setCname(KerbyNames.name(client, NameType.NT_PRINCIPAL));
        TransitedEncoding transited = new TransitedEncoding();
        transited.setTrType(TransitedEncodingType.fromValue(transitedType));
        transited.setContents(transitedContents);
        part.setTransited(transited);
        part.setAuthTime(KerbyNames.time(authTime));
        if (startTime != null) {
            part.setStartTime(KerbyNames.time(startTime));
        }
        part.setEndTime(KerbyNames.time(endTime));
        if (renewTill != null) {
            part.setRenewtill(KerbyNames.time(renewTill));
        }
        if (clientAddresses != null) {
            HostAddresses addresses = new HostAddresses();
            clientAddresses.forEach(a -> addresses.add(new HostAddress(a)));
            part.setClientAddresses(addresses);
        }
        if (!authorizationData.getElements().isEmpty()) {
            part.setAuthorizationData(authorizationData);
        }
        encPartEdit.accept(part);
        return part;
    }

    private static NameType nameTypeOf(String principal) {
        return principal.contains("/") ? NameType.NT_SRV_INST : NameType.NT_PRINCIPAL;
    }
}
