package dev.krb5gss.ap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.krb5gss.der.DerWriter;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tokens that are not a well-formed RFC 4121 §4.1 AP-REQ token are rejected before any crypto. */
class MalformedTokenTest {
  private final ForgeFixture fx = ForgeFixture.aes256();

  @Test
  void aSpnegoTokenIsNotKrb5() {
    byte[] spnegoOid = {0x06, 0x06, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02};
    byte[] token = DerWriter.element(0x60, spnegoOid, new byte[] {(byte) 0xa0, 0x00});
    assertThatThrownBy(() -> fx.acceptor().accept(token, null))
        .isInstanceOfSatisfying(RejectedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_MECHANISM);
          assertThat(e.getMessage()).contains("1.3.6.1.5.5.2").contains("SPNEGO");
        });
  }

  @Test
  void everyTruncationIsMalformed() {
    byte[] token = fx.validToken();
    ApAcceptor acceptor = fx.acceptor();
    for (int len = 1; len < token.length; len++) {
      byte[] cut = Arrays.copyOf(token, len);
      assertThatThrownBy(() -> acceptor.accept(cut, null)).as("prefix of %d bytes", len)
          .isInstanceOfSatisfying(RejectedException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_TOKEN));
    }
  }

  @Test
  void anEmptyTokenIsMalformed() {
    assertThatThrownBy(() -> fx.acceptor().accept(new byte[0], null))
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_TOKEN));
  }

  @ParameterizedTest
  @ValueSource(ints = {0x0200, 0x0300, 0x0404, 0x0504, 0x0101})
  void aWrongTokIdIsMalformed(int tokId) {
    byte[] token = fx.validToken();
    int at = token.length - innerLength(token);
    token[at] = (byte) (tokId >> 8);
    token[at + 1] = (byte) tokId;
    assertThatThrownBy(() -> fx.acceptor().accept(token, null))
        .isInstanceOfSatisfying(RejectedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.MALFORMED_TOKEN);
          assertThat(e.getMessage()).contains("TOK_ID").contains(
              String.format("%02x %02x", tokId >> 8, tokId & 0xff));
        });
  }

  @Test
  void badDerInsideTheApReqIsMalformed() {
    byte[] token = fx.validToken();
    int at = token.length - innerLength(token) + 2;
    token[at] = 0x6f; // [APPLICATION 15] (AP-REP) where [APPLICATION 14] belongs
    assertThatThrownBy(() -> fx.acceptor().accept(token, null))
        .isInstanceOfSatisfying(RejectedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.MALFORMED_TOKEN);
          assertThat(e.getMessage()).contains("AP-REQ").contains("expected tag 0x6e");
        });
  }

  @Test
  void aLengthPastTheEndIsMalformed() {
    byte[] token = fx.validToken();
    int at = token.length - innerLength(token) + 2; // AP-REQ tag
    assertThat(token[at + 1] & 0xff).isEqualTo(0x82);
    token[at + 2] = (byte) 0x7f; // inner length far past the end
    assertThatThrownBy(() -> fx.acceptor().accept(token, null))
        .isInstanceOfSatisfying(RejectedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.MALFORMED_TOKEN);
          assertThat(e.getMessage()).contains("runs past the end");
        });
  }

  @Test
  void trailingBytesAfterTheFramedTokenAreMalformed() {
    byte[] valid = fx.validToken();
    byte[] token = Arrays.copyOf(valid, valid.length + 1);
    assertThatThrownBy(() -> fx.acceptor().accept(token, null))
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_TOKEN));
  }

  @Test
  void aTokenOverTheSizeCapIsRefusedBeforeParsing() {
    byte[] token = new byte[ApPolicy.DEFAULT_MAX_TOKEN_SIZE + 1];
    token[0] = 0x60;
    assertThatThrownBy(() -> fx.acceptor().accept(token, null))
        .isInstanceOfSatisfying(RejectedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.TOKEN_TOO_LARGE);
          assertThat(e.getMessage()).contains("65537").contains("65536");
        });
    byte[] valid = fx.validToken();
    ApAcceptor small = fx.acceptor(fx.policy().maxTokenSize(valid.length - 1).build());
    assertThatThrownBy(() -> small.accept(valid, null))
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TOKEN_TOO_LARGE));
  }

  @Test
  void ntlmIsRecognisedWithAHint() {
    byte[] ntlm = ("NTLMSSP\0" + "\1\0\0\0").getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> fx.acceptor().accept(ntlm, null))
        .isInstanceOfSatisfying(RejectedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.NTLM_OFFERED);
          assertThat(e.getMessage()).contains("NTLM").contains("SPN");
        });
  }

  @Test
  void anInnerTokenStartingAtTokIdIsAccepted() throws Exception {
    byte[] token = fx.validToken();
    byte[] inner = Arrays.copyOfRange(token, token.length - innerLength(token), token.length);
    assertThat(fx.acceptor().accept(inner, null).client().toString())
        .isEqualTo(ForgeFixture.CLIENT);
  }

  @Test
  void theMicrosoftKrb5OidIsAcceptedAndEchoedInTheApRep() throws Exception {
    byte[] token = fx.validToken();
    byte[] inner = Arrays.copyOfRange(token, token.length - innerLength(token), token.length);
    byte[] ms = InitialContextToken.frame(InitialContextToken.MS_KRB5_OID,
        InitialContextToken.TOK_AP_REQ, Arrays.copyOfRange(inner, 2, inner.length));
    ApEstablished est = fx.acceptor().accept(ms, null);
    assertThat(est.mechOid()).isEqualTo(InitialContextToken.MS_KRB5_OID);
    InitialContextToken rep = InitialContextToken.parse(est.outputToken(), 65536);
    assertThat(rep.mechOid()).isEqualTo(InitialContextToken.MS_KRB5_OID);
    assertThat(rep.tokId()).isEqualTo(InitialContextToken.TOK_AP_REP);
  }

  /** Every single-byte corruption is rejected with our exception (or still valid), never a crash. */
  @Test
  void noByteFlipEscapesAsARuntimeException() {
    byte[] token = fx.validToken();
    for (int i = 0; i < token.length; i++) {
      byte[] bad = token.clone();
      bad[i] ^= (byte) 0xff;
      ApAcceptor acceptor = fx.acceptor();
      Throwable t = catchThrowable(() -> acceptor.accept(bad, null));
      assertThat(t).as("flip at %d", i).satisfiesAnyOf(
          x -> assertThat(x).isNull(), x -> assertThat(x).isInstanceOf(RejectedException.class));
    }
  }

  /** Length of the inner token (from TOK_ID) of a framed krb5 token. */
  static int innerLength(byte[] framed) {
    int lenOctets = (framed[1] & 0x80) == 0 ? 0 : framed[1] & 0x7f;
    return framed.length - 2 - lenOctets - 11;
  }
}
