package dev.krb5gss.testkit;

import java.time.Instant;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.ap.ApRep;
import org.apache.kerby.kerberos.kerb.type.ap.EncAPRepPart;

/**
 * A forged KRB_AP_REQ (RFC 4120 §5.5.1) and what its sender knows: the session key, the subkey and
 * sequence number it put in the authenticator, and ctime/cusec, so a test can check the acceptor's
 * KRB_AP_REP (RFC 4120 §5.5.2, key usage 12).
 */
public final class ForgedApReq {
    private final byte[] apReq;
    private final ForgedTicket ticket;
    private final SessionKey subkey;
    private final Integer seqNumber;
    private final Instant ctime;
    private final int cusec;
    private final ForgeCrypto crypto;

    ForgedApReq(byte[] apReq, ForgedTicket ticket, SessionKey subkey, Integer seqNumber, Instant ctime, int cusec,
            ForgeCrypto crypto) {
        this.apReq = apReq.clone();
        this.ticket = ticket;
        this.subkey = subkey;
        this.seqNumber = seqNumber;
        this.ctime = ctime;
        this.cusec = cusec;
        this.crypto = crypto;
    }

    /** The bare DER AP-REQ ([APPLICATION 14]). */
    public byte[] apReq() {
        return apReq.clone();
    }

    /** The AP-REQ framed as an RFC 2743 / RFC 4121 §4.1 initial context token. */
    public byte[] gssToken() {
        return GssFraming.frame(GssFraming.TOK_ID_AP_REQ, apReq);
    }

    public ForgedTicket ticket() {
        return ticket;
    }

    public SessionKey sessionKey() {
        return ticket.sessionKey();
    }

    /** Null when the authenticator carries no subkey. */
    public SessionKey subkey() {
        return subkey;
    }

    /** Null when the authenticator carries no seq-number. */
    public Integer seqNumber() {
        return seqNumber;
    }

    public Instant ctime() {
        return ctime;
    }

    public int cusec() {
        return cusec;
    }

    /**
     * Decrypts the acceptor's reply: a framed (TOK_ID 02 00) or bare AP-REP, encrypted in the
     * ticket's session key with key usage 12.
     *
     * @throws IllegalArgumentException when it is not an AP-REP or does not decrypt
     */
    public EncAPRepPart readApRep(byte[] token) {
        byte[] message = token.length > 0 && token[0] == 0x60
                ? GssFraming.unframe(token, GssFraming.TOK_ID_AP_REP) : token;
        try {
            ApRep apRep = KrbCodec.decode(message, ApRep.class);
            byte[] plain = crypto.decrypt(ticket.sessionKey().enctype(), ticket.sessionKey().keyBytes(),
                    TicketForge.USAGE_AP_REP, apRep.getEncryptedEncPart().getCipher());
            return KrbCodec.decode(plain, EncAPRepPart.class);
        } catch (KrbException e) {
            throw new IllegalArgumentException("expected a KRB_AP_REP", e);
        }
    }
}
