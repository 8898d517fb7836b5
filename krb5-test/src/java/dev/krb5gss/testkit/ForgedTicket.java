package dev.krb5gss.testkit;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KerberosTicket;
import org.apache.kerby.kerberos.kerb.type.ticket.Ticket;

/**
 * A ticket made by {@link TicketBuilder} (RFC 4120 §5.3), with the clear-text facts a client
 * would learn from the KDC reply: session key, names, flags and times.
 */
public final class ForgedTicket {
    private final Ticket ticket;
    private final byte[] encoded;
    private final SessionKey sessionKey;
    private final String client;
    private final String server;
    private final int flags;
    private final TicketTimes times;
    private final List<InetAddress> clientAddresses;

    ForgedTicket(Ticket ticket, byte[] encoded, SessionKey sessionKey, String client, String server, int flags,
            TicketTimes times, List<InetAddress> clientAddresses) {
        this.ticket = ticket;
        this.encoded = encoded.clone();
        this.sessionKey = sessionKey;
        this.client = client;
        this.server = server;
        this.flags = flags;
        this.times = times;
        this.clientAddresses = clientAddresses;
    }

    /** The DER encoding of the Ticket ([APPLICATION 1]). */
    public byte[] encoded() {
        return encoded.clone();
    }

    /** Kerby's view of the ticket, for embedding in other Kerby messages. */
    public Ticket kerbyTicket() {
        return ticket;
    }

    public SessionKey sessionKey() {
        return sessionKey;
    }

    /** The client principal named inside the ticket, {@code name@REALM}. */
    public String client() {
        return client;
    }

    /** The server principal named by the ticket, {@code service/host@REALM}. */
    public String server() {
        return server;
    }

    /** TicketFlags as a 32-bit value, bit 0 (reserved) the most significant. */
    public int flags() {
        return flags;
    }

    public Instant authTime() {
        return times.authTime();
    }

    /** Null when the ticket has no starttime. */
    public Instant startTime() {
        return times.startTime();
    }

    public Instant endTime() {
        return times.endTime();
    }

    /** Null when the ticket has no renew-till. */
    public Instant renewTill() {
        return times.renewTill();
    }

    /** Null when the ticket has no caddr. */
    public List<InetAddress> clientAddresses() {
        return clientAddresses;
    }

    /** This ticket as the JDK's client-side credential, as a KDC reply would have given it. */
    public KerberosTicket toKerberosTicket() {
        boolean[] flagBits = new boolean[32];
        for (int bit = 0; bit < 32; bit++) {
            flagBits[bit] = (flags & (1 << (31 - bit))) != 0;
        }
        return new KerberosTicket(encoded, new KerberosPrincipal(client), new KerberosPrincipal(server),
                sessionKey.keyBytes(), sessionKey.enctype().id(), flagBits, date(times.authTime()), date(times.startTime()),
                date(times.endTime()), date(times.renewTill()),
                clientAddresses == null ? null : clientAddresses.toArray(new InetAddress[0]));
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    /** RFC 4120 §5.3 authtime, starttime (optional), endtime, renew-till (optional). */
    record TicketTimes(Instant authTime, Instant startTime, Instant endTime, Instant renewTill) {
    }

    @Override
    public String toString() {
        return "ForgedTicket[" + client + " -> " + server + ", session " + sessionKey.enctype().krb5Name() + "]";
    }
}
