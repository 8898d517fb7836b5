package dev.krb5gss.delegation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.crypto.CipherKey;
import dev.krb5gss.crypto.CryptoProfile;
import dev.krb5gss.crypto.CryptoProfiles;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.der.DerWriter;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** KRB-CRED (RFC 4120 §5.8) decoding: a valid credential, and every malformed one rejected. */
class KrbCredDecoderTest {
  private static final CryptoProfile AES256 =
      CryptoProfiles.of(EncType.AES256_CTS_HMAC_SHA1_96).orElseThrow();

  @Test
  void decodesTheTicketAndItsCredentialInfo() throws Exception {
    CipherKey key = AES256.randomKey();
    DelegatedTicket t = KrbCredDecoder.decode(krbCred(key, encPart()), List.of(key));

    assertThat(t.client().toString()).isEqualTo("carol@EXAMPLE.ORG");
    assertThat(t.server().toString()).isEqualTo("krbtgt/EXAMPLE.ORG@EXAMPLE.ORG");
    assertThat(t.toString()).contains("redacted").doesNotContain("1111");
    assertThat(t.toKerberosTicket().getSessionKeyType()).isEqualTo(18);
    assertThat(t.toKerberosTicket().isForwardable()).isTrue();
  }

  @Test
  void theWrongKeyIsAnIntegrityFailure() {
    byte[] cred = krbCred(AES256.randomKey(), encPart());
    assertThatThrownBy(() -> KrbCredDecoder.decode(cred, List.of(AES256.randomKey())))
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATOR_INTEGRITY));
  }

  @Test
  void everyTruncationIsRejectedAsMalformed() {
    CipherKey key = AES256.randomKey();
    byte[] cred = krbCred(key, encPart());
    for (int len = 0; len < cred.length; len++) {
      byte[] cut = Arrays.copyOf(cred, len);
      assertThatThrownBy(() -> KrbCredDecoder.decode(cut, List.of(key)))
          .as("truncated to %d bytes", len)
          .isInstanceOf(RejectedException.class);
    }
  }

  @Test
  void aCredentialWithoutClientIsMalformed() {
    CipherKey key = AES256.randomKey();
    byte[] info = DerWriter.sequence(DerWriter.explicit(0, DerWriter.sequence(
        DerWriter.explicit(0, integer(18)), DerWriter.explicit(1,
            DerWriter.octetString(new byte[32])))));
    byte[] part = DerWriter.element(0x7d, DerWriter.sequence(
        DerWriter.explicit(0, DerWriter.sequence(info))));
    assertThatThrownBy(() -> KrbCredDecoder.decode(krbCred(key, part), List.of(key)))
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_TOKEN));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"carol\nforged", "carol\u0085forged",
      "carol\u2028forged", "carol\u202eforged", "carol\u009b31m"})
  void namesWithLineBreaksControlsOrBidiOverridesAreMalformed(String client) {
    CipherKey key = AES256.randomKey();
    byte[] part = encPart(client, "EXAMPLE.ORG");
    assertThatThrownBy(() -> KrbCredDecoder.decode(krbCred(key, part), List.of(key)))
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_TOKEN));
  }

  @Test
  void aRealmWithALineBreakIsMalformed() {
    CipherKey key = AES256.randomKey();
    byte[] part = encPart("carol", "EXAMPLE.ORG\r\nINFO forged");
    assertThatThrownBy(() -> KrbCredDecoder.decode(krbCred(key, part), List.of(key)))
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_TOKEN));
  }

  private static byte[] encPart() {
    return encPart("carol", "EXAMPLE.ORG");
  }

  private static byte[] encPart(String client, String realm) {
    byte[] keyBytes = new byte[32];
    Arrays.fill(keyBytes, (byte) 0x11);
    byte[] info = DerWriter.sequence(
        DerWriter.explicit(0, DerWriter.sequence(DerWriter.explicit(0, integer(18)),
            DerWriter.explicit(1, DerWriter.octetString(keyBytes)))),
        DerWriter.explicit(1, string(realm)),
        DerWriter.explicit(2, principal(1, client)),
        DerWriter.explicit(3, DerWriter.element(0x03, new byte[] {0, 0x40, 0, 0, 0})),
        DerWriter.explicit(4, time("20260101000000Z")),
        DerWriter.explicit(6, time("20260101080000Z")),
        DerWriter.explicit(8, string("EXAMPLE.ORG")),
        DerWriter.explicit(9, principal(2, "krbtgt", "EXAMPLE.ORG")));
    return DerWriter.element(0x7d, DerWriter.sequence(
        DerWriter.explicit(0, DerWriter.sequence(info))));
  }

  private static byte[] krbCred(CipherKey key, byte[] encPart) {
    byte[] cipher = AES256.encrypt(key, 14, encPart, 0, encPart.length);
    byte[] ticket = DerWriter.element(0x61, DerWriter.sequence(DerWriter.explicit(0, integer(5))));
    return DerWriter.element(0x76, DerWriter.sequence(
        DerWriter.explicit(0, integer(5)), DerWriter.explicit(1, integer(22)),
        DerWriter.explicit(2, DerWriter.sequence(ticket)),
        DerWriter.explicit(3, DerWriter.sequence(DerWriter.explicit(0, integer(18)),
            DerWriter.explicit(2, DerWriter.octetString(cipher))))));
  }

  private static byte[] integer(int v) {
    return DerWriter.element(0x02, new byte[] {(byte) v});
  }

  private static byte[] string(String s) {
    return DerWriter.element(0x1b, s.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] time(String s) {
    return DerWriter.element(0x18, s.getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] principal(int type, String... parts) {
    byte[][] strings = new byte[parts.length][];
    for (int i = 0; i < parts.length; i++) {
      strings[i] = string(parts[i]);
    }
    return DerWriter.sequence(DerWriter.explicit(0, integer(type)),
        DerWriter.explicit(1, DerWriter.sequence(strings)));
  }
}
