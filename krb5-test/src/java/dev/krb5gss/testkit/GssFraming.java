package dev.krb5gss.testkit;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The RFC 2743 §3.1 InitialContextToken framing of the Kerberos mechanism (RFC 4121 §4.1):
 * {@code 0x60 <DER length> 06 09 2a864886f712010202 <TOK_ID> <inner token>}, with TOK_ID
 * {@code 01 00} for KRB_AP_REQ, {@code 02 00} for KRB_AP_REP, {@code 03 00} for KRB_ERROR.
 */
public final class GssFraming {
    /** DER of the Kerberos V5 mechanism OID 1.2.840.113554.1.2.2, tag and length included. */
    private static final byte[] KRB5_OID = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x12, 0x01, 0x02, 0x02};
    public static final byte[] TOK_ID_AP_REQ = {0x01, 0x00};
    public static final byte[] TOK_ID_AP_REP = {0x02, 0x00};
    public static final byte[] TOK_ID_ERROR = {0x03, 0x00};

    private GssFraming() {
    }

    /** Frames {@code message} (an AP-REQ, AP-REP or KRB-ERROR) after {@code tokId}. */
    public static byte[] frame(byte[] tokId, byte[] message) {
        int bodyLength = KRB5_OID.length + tokId.length + message.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x60);
        writeDerLength(out, bodyLength);
        out.writeBytes(KRB5_OID);
        out.writeBytes(tokId);
        out.writeBytes(message);
        return out.toByteArray();
    }

    /**
     * Strips the framing from a token and checks its TOK_ID; returns the inner Kerberos message.
     *
     * @throws IllegalArgumentException when the token is not framed as expected
     */
    public static byte[] unframe(byte[] token, byte[] expectedTokId) {
        if (token.length < 2 || token[0] != 0x60) {
            throw new IllegalArgumentException("expected an RFC 2743 token starting 0x60");
        }
        int pos = 1;
        int length = token[pos++] & 0xff;
        if (length >= 0x80) {
            int count = length & 0x7f;
            if (count == 0 || count > 3 || pos + count > token.length) {
                throw new IllegalArgumentException("expected a DER length of 1..3 bytes");
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (token[pos++] & 0xff);
            }
        }
        if (length != token.length - pos) {
            throw new IllegalArgumentException("expected " + length + " bytes after the header, got " + (token.length - pos));
        }
        int oidEnd = pos + KRB5_OID.length;
        if (oidEnd + 2 > token.length || !Arrays.equals(token, pos, oidEnd, KRB5_OID, 0, KRB5_OID.length)) {
            throw new IllegalArgumentException("expected the Kerberos V5 mechanism OID");
        }
        if (!Arrays.equals(token, oidEnd, oidEnd + 2, expectedTokId, 0, 2)) {
            throw new IllegalArgumentException("expected TOK_ID " + Arrays.toString(expectedTokId));
        }
        return Arrays.copyOfRange(token, oidEnd + 2, token.length);
    }

    private static void writeDerLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >>> 8);
            out.write(length & 0xff);
        } else {
            out.write(0x83);
            out.write(length >>> 16);
            out.write((length >>> 8) & 0xff);
            out.write(length & 0xff);
        }
    }
}
