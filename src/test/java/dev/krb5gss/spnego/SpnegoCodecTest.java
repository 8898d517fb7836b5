package dev.krb5gss.spnego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.der.ObjectId;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.gss.MechOids;
import dev.krb5gss.gss.Ntlm;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 4178 §4.2 NegTokenInit / NegTokenResp and MS-SPNG §2.2.1 NegTokenInit2, hand-built DER. */
class SpnegoCodecTest {
  private static final String KRB5 = "06092a864886f712010202";
  private static final String SPNEGO = "06062b0601050502";

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  private static void assertMalformed(byte[] token) {
    assertThatThrownBy(() -> NegTokenInit.parseInitial(token))
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_TOKEN));
  }

  @Test
  void negTokenInitWithOptimisticToken() throws RejectedException {
    NegTokenInit init = NegTokenInit.parseInitial(hex(
        "6022 " + SPNEGO + " a018 3016 a00d 300b " + KRB5 + " a205 0403 010203"));
    assertThat(init.mechTypes()).containsExactly(MechOids.KRB5);
    assertThat(init.mechTypesDer()).isEqualTo(hex("300b" + KRB5));
    assertThat(init.mechToken()).contains(hex("010203"));
    assertThat(init.mechListMic()).isEmpty();
    assertThat(init.isInit2()).isFalse();
  }

  @Test
  void negTokenInit2WithNegHintsAndMic() throws RejectedException {
    NegTokenInit init = NegTokenInit.parseInitial(hex("602a " + SPNEGO
        + " a020 301e a00d300b" + KRB5 + " a307 3005 a003 1b0178 a404 0402ccdd"));
    assertThat(init.isInit2()).isTrue();
    assertThat(init.mechToken()).isEmpty();
    assertThat(init.mechListMic()).contains(hex("ccdd"));
  }

  @Test
  void reqFlagsAreAccepted() throws RejectedException {
    // mechTypes, reqFlags BIT STRING (1 unused bit, 0x60), mechToken
    NegTokenInit init = NegTokenInit.parseInitial(hex("6028 " + SPNEGO + " a01e 301c a00d300b"
        + KRB5 + " a104 0302 0160 a205 0403 010203"));
    assertThat(init.mechToken()).contains(hex("010203"));
  }

  @Test
  void encodeMatchesHandBuiltDer() {
    byte[] encoded = NegTokenInit.encode(List.of(MechOids.KRB5), hex("010203"), null);
    assertThat(encoded).isEqualTo(hex(
        "6022 " + SPNEGO + " a018 3016 a00d 300b " + KRB5 + " a205 0403 010203"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // mechTypes empty
      "6015 06062b0601050502 a00b 3009 a002 3000 a203 0401 00",
      // trailing byte after the framing
      "6022 06062b0601050502 a018 3016 a00d 300b 06092a864886f712010202 a205 0403 010203 00",
      // mechToken length past its [2] field
      "6022 06062b0601050502 a018 3016 a00d 300b 06092a864886f712010202 a205 0404 010203",
      // fields out of order: [2] before [0]
      "6022 06062b0601050502 a018 3016 a205 0403 010203 a00d 300b 06092a864886f712010202",
      // an unknown field [5]
      "6027 06062b0601050502 a01d 301b a00d 300b 06092a864886f712010202 a205 0403 010203 a503 0401 00",
      // not a NegTokenInit choice: [1] at the top
      "6022 06062b0601050502 a118 3016 a00d 300b 06092a864886f712010202 a205 0403 010203",
      // framing length shorter than the content
      "6021 06062b0601050502 a018 3016 a00d 300b 06092a864886f712010202 a205 0403 010203",
  })
  void malformedNegTokenInitIsRejected(String token) {
    assertMalformed(hex(token));
  }

  @Test
  void framedKrb5IsNotSpnego() {
    assertThatThrownBy(() -> NegTokenInit.parseInitial(hex("600f " + KRB5 + " 0100 6e00")))
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_MECHANISM));
  }

  @Test
  void negTokenRespRoundTrips() throws RejectedException {
    byte[] wire = hex("a11a 3018 a0030a0100 a10b " + KRB5 + " a204 0402aabb");
    NegTokenResp resp = NegTokenResp.parse(wire);
    assertThat(resp.negState()).contains(NegState.ACCEPT_COMPLETED);
    assertThat(resp.supportedMech()).contains(MechOids.KRB5);
    assertThat(resp.responseToken()).contains(hex("aabb"));
    assertThat(resp.mechListMic()).isEmpty();
    assertThat(resp.encode()).isEqualTo(wire);
  }

  /** DER tag and length (X.690 §8.1.3) in front of {@code content}, built here by hand. */
  private static byte[] tlv(int tag, byte[] content) {
    int n = content.length;
    byte[] head = n < 0x80 ? new byte[] {(byte) tag, (byte) n}
        : n < 0x100 ? new byte[] {(byte) tag, (byte) 0x81, (byte) n}
        : new byte[] {(byte) tag, (byte) 0x82, (byte) (n >> 8), (byte) n};
    byte[] out = java.util.Arrays.copyOf(head, head.length + n);
    System.arraycopy(content, 0, out, head.length, n);
    return out;
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 100, 127, 128, 200, 255, 256, 300, 1500})
  void negTokenRespEncodesEveryFieldAndLength(int size) throws RejectedException {
    byte[] token = new byte[size];
    byte[] mic = new byte[size / 3 + 1];
    for (int i = 0; i < size; i++) {
      token[i] = (byte) (i * 7 + 1);
    }
    java.util.Arrays.fill(mic, (byte) 0x5a);
    byte[] expected = tlv(0xa1, tlv(0x30, concat(
        tlv(0xa0, hex("0a0100")), tlv(0xa1, hex(KRB5)), tlv(0xa2, tlv(0x04, token)),
        tlv(0xa3, tlv(0x04, mic)))));
    byte[] wire = NegTokenResp.encode(NegState.ACCEPT_COMPLETED, MechOids.KRB5, token, mic);
    assertThat(wire).isEqualTo(expected);
    assertThat(NegTokenResp.of(NegState.ACCEPT_COMPLETED, MechOids.KRB5, token, mic).encode())
        .isEqualTo(expected);
    NegTokenResp back = NegTokenResp.parse(wire);
    assertThat(back.responseToken()).contains(token);
    assertThat(back.mechListMic()).contains(mic);

    // Each field alone, and the arrays passed in are not changed or kept.
    assertThat(NegTokenResp.encode(null, null, token, null))
        .isEqualTo(tlv(0xa1, tlv(0x30, tlv(0xa2, tlv(0x04, token)))));
    assertThat(NegTokenResp.encode(null, null, null, mic))
        .isEqualTo(tlv(0xa1, tlv(0x30, tlv(0xa3, tlv(0x04, mic)))));
    assertThat(NegTokenResp.encode(NegState.ACCEPT_INCOMPLETE, MechOids.KRB5, null, null))
        .isEqualTo(tlv(0xa1, tlv(0x30, concat(tlv(0xa0, hex("0a0101")), tlv(0xa1, hex(KRB5))))));
    assertThat(token.length).isEqualTo(size);
    if (size > 0) {
      assertThat(token[size - 1]).isEqualTo((byte) ((size - 1) * 7 + 1));
    }
  }

  @Test
  void aFramedNegTokenInitIsReadInPlace() throws RejectedException {
    // The same NegotiationToken framed and bare: the same fields.
    byte[] bare = hex("a018 3016 a00d 300b " + KRB5 + " a205 0403 010203");
    NegTokenInit framed = NegTokenInit.parseInitial(hex("6022 " + SPNEGO
        + " a018 3016 a00d 300b " + KRB5 + " a205 0403 010203"));
    NegTokenInit plain = NegTokenInit.parse(bare);
    assertThat(framed.mechTypesDer()).isEqualTo(plain.mechTypesDer());
    assertThat(framed.mechToken()).contains(plain.mechToken().orElseThrow());
    // A byte after the NegotiationToken, inside the framing's length: refused.
    assertMalformed(hex("6023 " + SPNEGO + " a018 3016 a00d 300b " + KRB5
        + " a205 0403 010203 00"));
  }

  @Test
  void rejectTokenIsNegStateReject() {
    assertThat(NegTokenResp.reject()).isEqualTo(hex("a107 3005 a0030a0102"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "a107 3005 a0030a0107",                  // negState 7
      "a102 3000",                             // no field at all
      "a107 3005 a0030a0100 00",               // trailing byte
      "a108 3006 a0040a020000",                // non-minimal ENUMERATED
      "a109 3007 a3050403aabb",                // MIC length past its field
  })
  void malformedNegTokenRespIsRejected(String token) {
    assertThatThrownBy(() -> NegTokenResp.parse(hex(token)))
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_TOKEN));
  }

  @Test
  void selectionUsesTheClientsFirstWhenOurs() throws RejectedException {
    MechSelection s = MechSelection.choose(List.of(MechOids.MS_KRB5, MechOids.KRB5, MechOids.NTLM),
        List.of(MechOids.KRB5, MechOids.MS_KRB5));
    assertThat(s.mech()).isEqualTo(MechOids.MS_KRB5);
    assertThat(s.isClientsFirst()).isTrue();
    assertThat(s.micRequired()).isFalse();
  }

  @Test
  void selectionFallsBackToOurPreferenceAndRequiresTheMic() throws RejectedException {
    MechSelection s = MechSelection.choose(
        List.of(MechOids.NEGOEX, MechOids.NTLM, MechOids.MS_KRB5, MechOids.KRB5),
        List.of(MechOids.KRB5, MechOids.MS_KRB5));
    assertThat(s.mech()).isEqualTo(MechOids.KRB5);
    assertThat(s.isClientsFirst()).isFalse();
    assertThat(s.micRequired()).isTrue();
  }

  @Test
  void ntlmOnlyOfferIsNtlmOffered() {
    assertThatThrownBy(() -> MechSelection.choose(List.of(MechOids.NTLM), List.of(MechOids.KRB5)))
        .isInstanceOfSatisfying(RejectedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.NTLM_OFFERED);
          assertThat(e.getMessage()).contains("could not get a Kerberos ticket", "SPN", "alias");
        });
  }

  @Test
  void unknownOnlyOfferIsUnsupported() {
    ObjectId other = ObjectId.of("1.3.6.1.5.5.14");
    assertThatThrownBy(() -> MechSelection.choose(List.of(other), List.of(MechOids.KRB5)))
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_MECHANISM));
  }

  @Test
  void rawNtlmsspIsRecognised() {
    assertThat(Ntlm.isNtlmssp(hex("4e544c4d53535000 01000000"))).isTrue();
    assertThat(Ntlm.isNtlmssp(hex("6082"))).isFalse();
  }
}
