package dev.krb5gss.testkit;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** A minimal DER writer (X.690 §8, §10) for the few Kerberos structures Kerby has no type for. */
final class Der {
    private static final DateTimeFormatter GENERALIZED_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private Der() {
    }

    static byte[] tlv(int tag, byte[]... contents) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] c : contents) {
            body.writeBytes(c);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        writeLength(out, body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    static byte[] sequence(byte[]... contents) {
        return tlv(0x30, contents);
    }

    /** [n] EXPLICIT, constructed context tag. */
    static byte[] explicit(int n, byte[] content) {
        return tlv(0xa0 | n, content);
    }

    /** [APPLICATION n], constructed. */
    static byte[] application(int n, byte[] content) {
        return tlv(0x60 | n, content);
    }

    static byte[] integer(long value) {
        return tlv(0x02, BigInteger.valueOf(value).toByteArray());
    }

    /** KerberosString / Realm: GeneralString (RFC 4120 §5.2.1). */
    static byte[] generalString(String value) {
        return tlv(0x1b, value.getBytes(StandardCharsets.US_ASCII));
    }

    /** KerberosTime: GeneralizedTime without fractions (RFC 4120 §5.2.3). */
    static byte[] time(Instant instant) {
        return tlv(0x18, GENERALIZED_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS))
                .getBytes(StandardCharsets.US_ASCII));
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
            return;
        }
        int bytes = length < 0x100 ? 1 : length < 0x10000 ? 2 : 3;
        out.write(0x80 | bytes);
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((length >>> (8 * i)) & 0xff);
        }
    }
}
