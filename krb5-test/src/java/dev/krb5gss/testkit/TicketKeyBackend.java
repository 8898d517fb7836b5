package dev.krb5gss.testkit;

import java.util.Comparator;
import java.util.Map;
import org.apache.kerby.kerberos.kerb.identity.backend.MemoryIdentityBackend;
import org.apache.kerby.kerberos.kerb.request.KrbIdentity;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionType;

/**
 * Kerby's in-memory principal database, changed so a service's ticket is encrypted in a key the
 * service really has (RFC 4120 §3.3.3: the ticket is encrypted in the server's secret key).
 *
 * <p>Kerby encrypts every ticket in the session-key enctype it negotiated with the client and
 * fails when the service lacks a key of that type. MIT's KDC instead picks the service's strongest
 * key. This backend reproduces that: when the KDC looks a principal up, every negotiable enctype
 * the principal has no key for is answered with its strongest real key, so a service created with
 * only an aes128 key gets aes128 tickets (labelled etype 17) while the session key stays whatever
 * the client and KDC agreed. Kerby instantiates it by class name (backend config
 * {@code kdc_identity_backend}), hence the public no-argument constructor.
 */
public final class TicketKeyBackend extends MemoryIdentityBackend {

    /** Called by Kerby through reflection. */
    public TicketKeyBackend() {
        super();
    }

    @Override
    protected KrbIdentity doGetIdentity(String principalName) {
        KrbIdentity stored = super.doGetIdentity(principalName);
        return stored == null ? null : withTicketKeys(stored);
    }

    private static KrbIdentity withTicketKeys(KrbIdentity stored) {
        Map<EncryptionType, EncryptionKey> keys = stored.getKeys();
        if (keys.isEmpty()) {
            return stored;
        }
        EncryptionKey strongest = keys.values().stream()
                .max(Comparator.comparingInt(k -> k.getKeyType().getValue()))
                .orElseThrow();
        KrbIdentity view = copyOf(stored);
        for (AesEnctype e : AesEnctype.values()) {
            EncryptionType type = EncryptionType.fromValue(e.id());
            if (type != EncryptionType.NONE && !keys.containsKey(type)) {
                view.getKeys().put(type, strongest);
            }
        }
        return view;
    }

    private static KrbIdentity copyOf(KrbIdentity stored) {
        KrbIdentity view = new KrbIdentity(stored.getPrincipalName());
        view.setPrincipal(stored.getPrincipal());
        view.setKeyVersion(stored.getKeyVersion());
        view.setKdcFlags(stored.getKdcFlags());
        view.setDisabled(stored.isDisabled());
        view.setLocked(stored.isLocked());
        view.setExpireTime(stored.getExpireTime());
        view.setCreatedTime(stored.getCreatedTime());
        view.getKeys().putAll(stored.getKeys());
        return view;
    }
}
