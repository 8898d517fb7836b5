package dev.krb5gss.testkit;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.base.NameType;
import org.apache.kerby.kerberos.kerb.type.ticket.TicketFlags;

/**
 * Encodes a KRB-CRED (RFC 4120 §5.8) carrying one forwarded ticket, as the Deleg field of the
 * RFC 4121 §4.1.1 checksum. The EncKrbCredPart is encrypted in the AP-REQ's session key with key
 * usage 14, or sent in clear with etype 0 (what MIT does inside GSS tokens).
 */
final class KrbCredBuilder {
    /** RFC 4120 §7.5.1 key usage 14: KRB-CRED EncKrbCredPart. */
    static final int USAGE_KRB_CRED = 14;
    private static final int MSG_TYPE_KRB_CRED = 22;
    private static final int APP_ENC_KRB_CRED_PART = 29;

    private KrbCredBuilder() {
    }

    /** KRB-CRED for {@code ticket}; encrypted in {@code key} unless it is null (etype 0). */
    static byte[] encode(ForgedTicket ticket, SessionKey key, Instant now, ForgeCrypto crypto) {
        byte[] encPart = Der.application(APP_ENC_KRB_CRED_PART, Der.sequence(
                Der.explicit(0, Der.sequence(credInfo(ticket))),
                Der.explicit(2, Der.time(now)),
                Der.explicit(3, Der.integer(now.getNano() / 1000))));
        byte[] encryptedData = key == null
                ? kerby(KerbyRaw.encryptedData(0, null, encPart))
                : kerby(KerbyRaw.encryptedData(key.enctype().id(), null,
                        crypto.encrypt(key.enctype(), key.keyBytes(), USAGE_KRB_CRED, encPart)));
        return Der.application(MSG_TYPE_KRB_CRED, Der.sequence(
                Der.explicit(0, Der.integer(5)),
                Der.explicit(1, Der.integer(MSG_TYPE_KRB_CRED)),
                Der.explicit(2, Der.sequence(ticket.encoded())),
                Der.explicit(3, encryptedData)));
    }

    private static byte[] credInfo(ForgedTicket ticket) {
        SessionKey sessionKey = ticket.sessionKey();
        ByteArrayOutputStream fields = new ByteArrayOutputStream();
        fields.writeBytes(Der.explicit(0, kerby(KerbyRaw.encryptionKey(sessionKey.enctype().id(), sessionKey.keyBytes()))));
        fields.writeBytes(Der.explicit(1, Der.generalString(KerbyNames.realm(ticket.client()))));
        fields.writeBytes(Der.explicit(2, kerby(KerbyNames.name(ticket.client(), NameType.NT_PRINCIPAL))));
        fields.writeBytes(Der.explicit(3, kerby(new TicketFlags(ticket.flags()))));
        fields.writeBytes(Der.explicit(4, Der.time(ticket.authTime())));
        if (ticket.startTime() != null) {
            fields.writeBytes(Der.explicit(5, Der.time(ticket.startTime())));
        }
        fields.writeBytes(Der.explicit(6, Der.time(ticket.endTime())));
        if (ticket.renewTill() != null) {
            fields.writeBytes(Der.explicit(7, Der.time(ticket.renewTill())));
        }
        fields.writeBytes(Der.explicit(8, Der.generalString(KerbyNames.realm(ticket.server()))));
        fields.writeBytes(Der.explicit(9, kerby(KerbyNames.name(ticket.server(), NameType.NT_SRV_INST))));
        return Der.sequence(fields.toByteArray());
    }

    private static byte[] kerby(org.apache.kerby.asn1.type.Asn1Type value) {
        try {
            return KrbCodec.encode(value);
        } catch (KrbException e) {
            throw new IllegalStateException("Kerby could not encode " + value.getClass().getSimpleName(), e);
        }
    }
}
