package dev.krb5gss.testkit;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.ad.AuthorizationData;
import org.apache.kerby.kerberos.kerb.type.ap.ApOption;
import org.apache.kerby.kerberos.kerb.type.ap.ApOptions;
import org.apache.kerby.kerberos.kerb.type.ap.ApReq;
import org.apache.kerby.kerberos.kerb.type.ap.Authenticator;
import org.apache.kerby.kerberos.kerb.type.base.CheckSum;
import org.apache.kerby.kerberos.kerb.type.base.NameType;

/**
 * Builds a KRB_AP_REQ (RFC 4120 §5.5.1) around a {@link ForgedTicket}, with an Authenticator
 * encrypted in the ticket's session key (key usage 11) carrying the RFC 4121 §4.1.1 GSS checksum.
 * Defaults make a valid GSS initial token for the forge's "now": ap-options mutual-required, cname
 * and crealm from the ticket, ctime/cusec = now, a random sequence number, no subkey,
 * {@link GssChecksum#builder()} defaults. Every field can be changed for negative cases.
 */
public final class ApReqBuilder {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ForgedTicket ticket;
    private final ForgeCrypto crypto;
    private int apOptions = ApOption.MUTUAL_REQUIRED.getValue();
    private String client;
    private Instant ctime;
    private int cusec;
    private Integer seqNumber = RANDOM.nextInt() & 0x3fffffff;
    private SessionKey subkey;
    private CheckSum checksum = KerbyRaw.checksum(GssChecksum.TYPE, GssChecksum.builder().encode());
    private final AuthorizationData authorizationData = new AuthorizationData();
    private SessionKey authenticatorKey;
    private Integer authenticatorEtypeLabel;
    private int authenticatorVno = 5;
    private Consumer<Authenticator> authenticatorEdit = a -> { };

    ApReqBuilder(ForgedTicket ticket, ForgeCrypto crypto, Instant now) {
        this.ticket = ticket;
        this.crypto = crypto;
        this.client = ticket.client();
        this.ctime = now.truncatedTo(ChronoUnit.SECONDS);
        this.cusec = now.getNano() / 1000;
        this.authenticatorKey = ticket.sessionKey();
    }

    /** Sets or clears mutual-required (on by default). */
    public ApReqBuilder mutualRequired(boolean on) {
        return apOption(ApOption.MUTUAL_REQUIRED, on);
    }

    /** Sets or clears use-session-key (off by default). */
    public ApReqBuilder useSessionKey(boolean on) {
        return apOption(ApOption.USE_SESSION_KEY, on);
    }

    /** APOptions as a 32-bit value, bit 0 the most significant. */
    public ApReqBuilder rawApOptions(int value) {
        this.apOptions = value;
        return this;
    }

    private ApReqBuilder apOption(ApOption option, boolean on) {
        apOptions = on ? apOptions | option.getValue() : apOptions & ~option.getValue();
        return this;
    }

    /** The authenticator's cname/crealm (defaults to the ticket's client). */
    public ApReqBuilder client(String principal) {
        KerbyNames.realm(principal);
        this.client = principal;
        return this;
    }

    /** ctime; sub-second parts are dropped (use {@link #cusec}). */
    public ApReqBuilder ctime(Instant time) {
        this.ctime = time.truncatedTo(ChronoUnit.SECONDS);
        return this;
    }

    public ApReqBuilder cusec(int microseconds) {
        this.cusec = microseconds;
        return this;
    }

    /** Null omits seq-number. */
    public ApReqBuilder seqNumber(Integer value) {
        this.seqNumber = value;
        return this;
    }

    /** Null (the default) omits the subkey. */
    public ApReqBuilder subkey(SessionKey key) {
        this.subkey = key;
        return this;
    }

    /** A random subkey of {@code enctype}. */
    public ApReqBuilder randomSubkey(AesEnctype enctype) {
        return subkey(SessionKey.random(enctype, crypto));
    }

    /** The GSS checksum (type 0x8003) built by {@code gss}. */
    public ApReqBuilder checksum(GssChecksum gss) {
        this.checksum = KerbyRaw.checksum(GssChecksum.TYPE, gss.encode());
        return this;
    }

    /** Any checksum type and bytes. */
    public ApReqBuilder rawChecksum(int type, byte[] value) {
        this.checksum = KerbyRaw.checksum(type, value);
        return this;
    }

    /** No cksum field at all. */
    public ApReqBuilder noChecksum() {
        this.checksum = null;
        return this;
    }

    /** Adds an authenticator AuthorizationData element of any ad-type. */
    public ApReqBuilder addAuthorizationData(int adType, byte[] data) {
        authorizationData.add(KerbyRaw.authorizationDataEntry(adType, data));
        return this;
    }

    /** Encrypts the authenticator in another key than the ticket's session key. */
    public ApReqBuilder encryptAuthenticatorWith(SessionKey key) {
        this.authenticatorKey = Objects.requireNonNull(key);
        return this;
    }

    /** The etype written in the authenticator's EncryptedData, whatever the key really is. */
    public ApReqBuilder authenticatorEtypeLabel(int etype) {
        this.authenticatorEtypeLabel = etype;
        return this;
    }

    /** authenticator-vno (5 per RFC 4120). */
    public ApReqBuilder authenticatorVno(int vno) {
        this.authenticatorVno = vno;
        return this;
    }

    /** Last-moment access to Kerby's Authenticator before it is encoded. */
    public ApReqBuilder editAuthenticator(Consumer<Authenticator> edit) {
        this.authenticatorEdit = this.authenticatorEdit.andThen(edit);
        return this;
    }

    /** Encrypts the authenticator and encodes the AP-REQ. */
    public ForgedApReq build() {
        try {
            byte[] plain = KrbCodec.encode(authenticator());
            byte[] cipher = crypto.encrypt(authenticatorKey.enctype(), authenticatorKey.keyBytes(),
                    TicketForge.USAGE_AP_REQ_AUTHENTICATOR, plain);
            int etype = authenticatorEtypeLabel != null ? authenticatorEtypeLabel : authenticatorKey.enctype().id();
            ApReq apReq = new ApReq();
            apReq.setApOptions(new ApOptions(apOptions));
            apReq.setTicket(ticket.kerbyTicket());
            apReq.setEncryptedAuthenticator(KerbyRaw.encryptedData(etype, null, cipher));
            return new ForgedApReq(KrbCodec.encode(apReq), ticket, subkey, seqNumber, ctime, cusec, crypto);
        } catch (KrbException e) {
            throw new IllegalStateException("Kerby could not encode the forged AP-REQ", e);
        }
    }

    private Authenticator authenticator() {
        Authenticator a = new Authenticator();
        a.setAuthenticatorVno(authenticatorVno);
        a.setCrealm(KerbyNames.realm(client));
        a.setCname(KerbyNames.name(client, NameType.NT_PRINCIPAL));
        if (checksum != null) {
            a.setCksum(checksum);
        }
        a.setCusec(cusec);
        a.setCtime(KerbyNames.time(ctime));
        if (subkey != null) {
            a.setSubKey(KerbyRaw.encryptionKey(subkey.enctype().id(), subkey.keyBytes()));
        }
        if (seqNumber != null) {
            a.setSeqNumber(seqNumber);
        }
        if (!authorizationData.getElements().isEmpty()) {
            a.setAuthorizationData(authorizationData);
        }
        authenticatorEdit.accept(a);
        return a;
    }
}
