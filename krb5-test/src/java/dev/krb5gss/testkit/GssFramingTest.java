package dev.krb5gss.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 2743 §3.1 framing of Kerberos tokens, including the multi-byte DER lengths real AP-REQs need. */
class GssFramingTest {
    private static final byte[] KRB5_OID_AND_AP_REQ_TOK_ID =
            {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x12, 0x01, 0x02, 0x02, 0x01, 0x00};

    @ParameterizedTest
    @ValueSource(ints = {0, 100, 114, 115, 242, 243, 1000, 70000})
    void framesAndUnframesAnyLength(int innerLength) {
        byte[] inner = new byte[innerLength];
        Arrays.fill(inner, (byte) 0x6e);

        byte[] token = GssFraming.frame(GssFraming.TOK_ID_AP_REQ, inner);

        assertThat(token[0]).isEqualTo((byte) 0x60);
        assertThat(token).containsSequence(KRB5_OID_AND_AP_REQ_TOK_ID);
        assertThat(declaredLength(token)).isEqualTo(13 + innerLength);
        assertThat(GssFraming.unframe(token, GssFraming.TOK_ID_AP_REQ)).isEqualTo(inner);
    }

    @org.junit.jupiter.api.Test
    void unframeRejectsWrongTokId() {
        byte[] token = GssFraming.frame(GssFraming.TOK_ID_ERROR, new byte[] {1, 2});
        assertThatThrownBy(() -> GssFraming.unframe(token, GssFraming.TOK_ID_AP_REP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TOK_ID");
    }

    /** Decodes the DER length after the 0x60 tag and checks it spans exactly the rest of the token. */
    private static int declaredLength(byte[] token) {
        int first = token[1] & 0xff;
        int length = first;
        int header = 2;
        if (first >= 0x80) {
            length = 0;
            for (int i = 0; i < (first & 0x7f); i++) {
                length = (length << 8) | (token[2 + i] & 0xff);
            }
            header += first & 0x7f;
        }
        assertThat(token.length - header).isEqualTo(length);
        return length;
    }
}
