package dev.krb5gss.testkit;

import org.apache.kerby.kerberos.kerb.type.ad.AuthorizationDataEntry;
import org.apache.kerby.kerberos.kerb.type.base.CheckSum;
import org.apache.kerby.kerberos.kerb.type.base.EncryptedData;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;

/**
 * Kerby ASN.1 types that carry any integer where Kerby's enums would lose it: Kerby maps an
 * unknown enctype (19, 20), checksum type (0x8003) or ad-type to 0 when set through its enums.
 * These subclasses set the integer field directly (RFC 4120 §5.2.9, §5.2.6).
 */
final class KerbyRaw {
    private KerbyRaw() {
    }

    /** EncryptedData with any etype; kvno omitted when null. */
    static EncryptedData encryptedData(int etype, Integer kvno, byte[] cipher) {
        return new RawEncryptedData(etype, kvno, cipher);
    }

    /** EncryptionKey with any keytype. */
    static EncryptionKey encryptionKey(int keytype, byte[] value) {
        return new RawEncryptionKey(keytype, value);
    }

    /** Checksum with any cksumtype. */
    static CheckSum checksum(int type, byte[] value) {
        return new RawCheckSum(type, value);
    }

    /** AuthorizationData element with any ad-type. */
    static AuthorizationDataEntry authorizationDataEntry(int adType, byte[] data) {
        return new RawAuthorizationDataEntry(adType, data);
    }

    private static final class RawEncryptedData extends EncryptedData {
        RawEncryptedData(int etype, Integer kvno, byte[] cipher) {
            setFieldAsInt(EncryptedDataField.ETYPE, etype);
            if (kvno != null) {
                setFieldAsInt(EncryptedDataField.KVNO, kvno);
            }
            setCipher(cipher);
        }
    }

    private static final class RawEncryptionKey extends EncryptionKey {
        RawEncryptionKey(int keytype, byte[] value) {
            setFieldAsInt(EncryptionKeyField.KEY_TYPE, keytype);
            setKeyData(value);
        }
    }

    private static final class RawCheckSum extends CheckSum {
        RawCheckSum(int type, byte[] value) {
            setFieldAsInt(CheckSumField.CKSUM_TYPE, type);
            setChecksum(value);
        }
    }

    private static final class RawAuthorizationDataEntry extends AuthorizationDataEntry {
        RawAuthorizationDataEntry(int adType, byte[] data) {
            setFieldAsInt(AuthorizationDataEntryField.AD_TYPE, adType);
            setAuthzData(data);
        }
    }
}
