package dev.krb5gss.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.crypto.CipherKey;
import dev.krb5gss.crypto.CryptoProfiles;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 4757 §7.2-§7.3 tokens of rc4-hmac contexts through {@link MessageProtection}: round trips
 * between our acceptor and initiator sides, the token layout, every single-byte change, every
 * truncation, reflection, a wrong key, replay and ordering. MIT's gss-client checks the same code
 * against a real peer in {@code Rc4OptInInteropTest}.
 */
class Rc4MessageTokensTest {
  private static final Set<Reason> REJECTIONS = EnumSet.of(Reason.MALFORMED_TOKEN, Reason.BAD_MIC);
  private static final byte[] MSG =
      "the quick brown fox jumps over the lazy dog 0123456789".getBytes(StandardCharsets.UTF_8);
  private static final long ACCEPTOR_SEQ = 0x1234_5678L;
  private static final long INITIATOR_SEQ = 0x7fff_fff0L;
  /** 60 len 06 09 (krb5 OID): the inner token starts 13 bytes in for a short-form length. */
  private static final int INNER = 13;
  /** SND_SEQ's sequence number bytes, counted in the framed token (RFC 1964 §1.2.1.2). */
  private static final int SEQ_FROM = INNER + 8;
  private static final int SEQ_TO = INNER + 12;

  private final CipherKey key = CryptoProfiles.of(EncType.RC4_HMAC).orElseThrow().randomKey();

  private MessageProtection acceptor() throws RejectedException {
    return MessageProtection.acceptor(key, false, ACCEPTOR_SEQ, INITIATOR_SEQ, true, true);
  }

  private MessageProtection initiator() throws RejectedException {
    return MessageProtection.initiator(key, false, INITIATOR_SEQ, ACCEPTOR_SEQ, true, true);
  }

  @Test
  void wrapAndMicRoundTripBothWays() throws Exception {
    MessageProtection acc = acceptor();
    MessageProtection ini = initiator();
    for (boolean conf : new boolean[] {true, false}) {
      for (int len : new int[] {0, 1, 7, 8, 9, MSG.length}) {
        byte[] fromInitiator = ini.wrap(MSG, 0, len, conf);
        Unwrapped u = acc.unwrap(fromInitiator, 0, fromInitiator.length);
        assertThat(u.data()).isEqualTo(Arrays.copyOf(MSG, len));
        assertThat(u.confidential()).isEqualTo(conf);
        assertThat(u.supplementary()).isEqualTo(Supplementary.NONE);
        byte[] fromAcceptor = acc.wrap(MSG, 0, len, conf);
        Unwrapped back = ini.unwrap(fromAcceptor, 0, fromAcceptor.length);
        assertThat(back.data()).isEqualTo(Arrays.copyOf(MSG, len));
        assertThat(back.supplementary()).isEqualTo(Supplementary.NONE);
      }
    }
    byte[] mic = ini.getMic(MSG, 3, 20);
    assertThat(acc.verifyMic(mic, MSG, 3, 20).supplementary()).isEqualTo(Supplementary.NONE);
    byte[] mic2 = acc.getMic(MSG, 0, MSG.length);
    assertThat(ini.verifyMic(mic2, MSG, 0, MSG.length).supplementary())
        .isEqualTo(Supplementary.NONE);
    assertThat(acc.encType()).isEqualTo(EncType.RC4_HMAC);
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {100, 200, 70_000})
  void largeMessagesUseTheLongDerLengthForms(int size) throws Exception {
    byte[] big = new byte[size];
    Arrays.fill(big, (byte) 'x');
    byte[] token = initiator().wrap(big, 0, size, true);
    assertThat(token[1] & 0xff).isGreaterThanOrEqualTo(0x80);
    assertThat(acceptor().unwrap(token, 0, token.length).data()).isEqualTo(big);
  }

  @Test
  void tokensHaveTheRfc4757LayoutInsideTheRfc2743Framing() throws Exception {
    MessageProtection ini = initiator();
    byte[] sealed = ini.wrap(MSG, 0, MSG.length, true);
    byte[] plain = ini.wrap(MSG, 0, MSG.length, false);
    byte[] mic = ini.getMic(MSG, 0, MSG.length);
    String krb5Framing = "06092a864886f712010202";
    assertThat(hex(sealed)).startsWith("60" + String.format("%02x", sealed.length - 2)
        + krb5Framing + "0201" + "1100" + "1000" + "ffff");
    assertThat(hex(plain)).startsWith("60" + String.format("%02x", plain.length - 2)
        + krb5Framing + "0201" + "1100" + "ffff" + "ffff");
    assertThat(hex(mic)).isEqualTo("60" + "23" + krb5Framing + "0101" + "1100" + "ffffffff"
        + hex(Arrays.copyOfRange(mic, INNER + 8, mic.length)));
    // 32-byte header (confounder included), the message, one pad byte
    assertThat(sealed.length - INNER).isEqualTo(32 + MSG.length + 1);
    assertThat(Arrays.copyOfRange(plain, INNER + 32, plain.length))
        .isEqualTo(concat(MSG, new byte[] {1}));
    assertThat(hex(sealed)).doesNotContain(hex(Arrays.copyOf(MSG, 8)));
  }

  @ParameterizedTest(name = "sealed {0}")
  @ValueSource(booleans = {true, false})
  void everySingleByteChangeOfAWrapTokenIsCaught(boolean sealed) throws Exception {
    byte[] token = initiator().wrap(MSG, 0, MSG.length, sealed);
    for (int i = 0; i < token.length; i++) {
      for (int mask : new int[] {0x01, 0x80, 0xff}) {
        byte[] bad = token.clone();
        bad[i] ^= (byte) mask;
        MessageProtection acc = acceptor();
        if (!sealed && i >= SEQ_FROM && i < SEQ_TO) {
          assertSequenceChangeShows(() -> acc.unwrap(bad, 0, bad.length).supplementary(), i,
              mask);
        } else {
          assertRejected(() -> acc.unwrap(bad, 0, bad.length), i);
          assertThat(acc.unwrap(token, 0, token.length).data()).isEqualTo(MSG);
        }
      }
    }
  }

  @Test
  void everySingleByteChangeOfAMicTokenIsCaught() throws Exception {
    byte[] mic = initiator().getMic(MSG, 0, MSG.length);
    for (int i = 0; i < mic.length; i++) {
      for (int mask : new int[] {0x01, 0x80, 0xff}) {
        byte[] bad = mic.clone();
        bad[i] ^= (byte) mask;
        MessageProtection acc = acceptor();
        if (i >= SEQ_FROM && i < SEQ_TO) {
          assertSequenceChangeShows(() -> acc.verifyMic(bad, MSG, 0, MSG.length).supplementary(),
              i, mask);
        } else {
          assertRejected(() -> acc.verifyMic(bad, MSG, 0, MSG.length), i);
          assertThat(acc.verifyMic(mic, MSG, 0, MSG.length).supplementary())
              .isEqualTo(Supplementary.NONE);
        }
      }
    }
    MessageProtection acc = acceptor();
    byte[] otherMsg = MSG.clone();
    otherMsg[5] ^= 1;
    assertRejected(() -> acc.verifyMic(mic, otherMsg, 0, otherMsg.length), -1);
    assertRejected(() -> acc.verifyMic(mic, MSG, 1, MSG.length - 1), -1);
  }

  @Test
  void everyTruncationAndAnExtraByteAreRejected() throws Exception {
    MessageProtection ini = initiator();
    MessageProtection acc = acceptor();
    for (byte[] token : new byte[][] {ini.wrap(MSG, 0, MSG.length, true),
        ini.wrap(MSG, 0, MSG.length, false), ini.wrap(MSG, 0, 0, true)}) {
      for (int len = 0; len < token.length; len++) {
        int n = len;
        assertRejected(() -> acc.unwrap(token, 0, n), n);
        byte[] cut = Arrays.copyOf(token, n);
        assertRejected(() -> acc.unwrap(cut, 0, cut.length), n);
      }
      byte[] longer = Arrays.copyOf(token, token.length + 1);
      assertRejected(() -> acc.unwrap(longer, 0, longer.length), longer.length);
    }
    byte[] mic = ini.getMic(MSG, 0, MSG.length);
    for (int len = 0; len < mic.length; len++) {
      byte[] cut = Arrays.copyOf(mic, len);
      assertRejected(() -> acc.verifyMic(cut, MSG, 0, MSG.length), len);
    }
    assertRejected(() -> acc.verifyMic(Arrays.copyOf(mic, mic.length + 1), MSG, 0, MSG.length),
        mic.length + 1);
  }

  @Test
  void tokensOfTheOtherKindOrFormatAreRejected() throws Exception {
    MessageProtection ini = initiator();
    MessageProtection acc = acceptor();
    byte[] wrap = ini.wrap(MSG, 0, MSG.length, false);
    byte[] mic = ini.getMic(MSG, 0, MSG.length);
    assertRejected(() -> acc.unwrap(mic, 0, mic.length), -1);
    assertRejected(() -> acc.verifyMic(wrap, MSG, 0, MSG.length), -1);
    CipherKey aes = CryptoProfiles.of(EncType.AES128_CTS_HMAC_SHA1_96).orElseThrow().randomKey();
    byte[] cfx = MessageProtection.initiator(aes, false, 0, 0, true, true)
        .wrap(MSG, 0, MSG.length, true);
    assertRejected(() -> acc.unwrap(cfx, 0, cfx.length), -1);
  }

  @Test
  void reflectedTokensAndAnotherKeyFailTheCheck() throws Exception {
    MessageProtection ini = initiator();
    byte[] own = ini.wrap(MSG, 0, MSG.length, true);
    assertThatThrownBy(() -> ini.unwrap(own, 0, own.length)).isInstanceOfSatisfying(
        RejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_MIC));
    byte[] ownMic = ini.getMic(MSG, 0, MSG.length);
    assertThatThrownBy(() -> ini.verifyMic(ownMic, MSG, 0, MSG.length)).isInstanceOfSatisfying(
        RejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_MIC));

    CipherKey other = CryptoProfiles.of(EncType.RC4_HMAC).orElseThrow().randomKey();
    MessageProtection stranger = MessageProtection.acceptor(other, false, 0, INITIATOR_SEQ, true,
        true);
    byte[] token = initiator().wrap(MSG, 0, MSG.length, true);
    assertThatThrownBy(() -> stranger.unwrap(token, 0, token.length)).isInstanceOfSatisfying(
        RejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_MIC));
  }

  @Test
  void replaysAreDuplicatesAndOrderIsReported() throws Exception {
    MessageProtection ini = initiator();
    MessageProtection acc = acceptor();
    byte[] first = ini.wrap(MSG, 0, 4, true);
    byte[] second = ini.getMic(MSG, 0, 4);
    byte[] third = ini.wrap(MSG, 0, 4, false);
    assertThat(acc.unwrap(first, 0, first.length).supplementary()).isEqualTo(Supplementary.NONE);
    assertThat(acc.unwrap(third, 0, third.length).supplementary()).isEqualTo(Supplementary.GAP);
    assertThat(acc.verifyMic(second, MSG, 0, 4).supplementary()).isEqualTo(Supplementary.UNSEQ);
    assertThatThrownBy(() -> acc.unwrap(first, 0, first.length)).isInstanceOfSatisfying(
        RejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DUPLICATE_TOKEN));
    assertThatThrownBy(() -> acc.verifyMic(second, MSG, 0, 4)).isInstanceOfSatisfying(
        RejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DUPLICATE_TOKEN));
    byte[] fourth = ini.wrap(MSG, 0, 4, true);
    assertThat(acc.unwrap(fourth, 0, fourth.length).supplementary())
        .isEqualTo(Supplementary.NONE);
  }

  @Test
  void sequenceNumbersAreTheContextsLow32Bits() throws Exception {
    MessageProtection ini = MessageProtection.initiator(key, false, 0xffff_fffeL, 5, true, true);
    MessageProtection acc = MessageProtection.acceptor(key, false, 5, 0xffff_fffeL, true, true);
    byte[] token = ini.getMic(MSG, 0, 1);
    assertThat(acc.verifyMic(token, MSG, 0, 1).supplementary()).isEqualTo(Supplementary.NONE);
    MessageProtection offByOne = MessageProtection.acceptor(key, false, 5, 0xffff_fffdL, true,
        true);
    assertThat(offByOne.verifyMic(token, MSG, 0, 1).supplementary()).isEqualTo(Supplementary.GAP);
    MessageProtection wide = MessageProtection.initiator(key, false, 0x1_0000_0005L, 5, true,
        true);
    byte[] low = wide.getMic(MSG, 0, 1);
    assertThat(MessageProtection.acceptor(key, false, 5, 5, true, true)
        .verifyMic(low, MSG, 0, 1).supplementary()).isEqualTo(Supplementary.NONE);
  }

  @Test
  void sequenceNumbersWrapAroundAt32Bits() throws Exception {
    MessageProtection ini = MessageProtection.initiator(key, false, 0xffff_ffffL, 0, true, true);
    MessageProtection acc = MessageProtection.acceptor(key, false, 0, 0xffff_ffffL, true, true);
    for (int i = 0; i < 3; i++) {
      byte[] token = ini.wrap(MSG, 0, 5, true);
      assertThat(acc.unwrap(token, 0, token.length).supplementary())
          .isEqualTo(Supplementary.NONE);
    }
  }

  @ParameterizedTest(name = "max {0}")
  @ValueSource(ints = {50, 100, 127, 128, 200, 300, 1000, 65_535, 70_000})
  void wrapSizeLimitFits(int max) throws Exception {
    MessageProtection ini = initiator();
    for (boolean conf : new boolean[] {true, false}) {
      int limit = ini.wrapSizeLimit(conf, max);
      assertThat(limit).isBetween(max - 50, max - 45);
      assertThat(ini.wrap(new byte[limit], 0, limit, conf).length).isLessThanOrEqualTo(max);
    }
    assertThat(ini.wrapSizeLimit(true, 40)).isZero();
  }

  @Test
  void theMicrosoftOidFramesAndIsRequiredOnReceipt() throws Exception {
    Rc4Framing ms = Rc4Framing.forMech("1.2.840.48018.1.2.2");
    Rc4Framing krb5 = Rc4Framing.forMech("1.2.840.113554.1.2.2");
    byte[] inner = new byte[30];
    byte[] framed = ms.frame(inner);
    assertThat(hex(framed)).startsWith("602906092a864882f712010202");
    assertThat(ms.inner(framed, 0, framed.length, 24, "Wrap")).isEqualTo(inner);
    assertThatThrownBy(() -> krb5.inner(framed, 0, framed.length, 24, "Wrap"))
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_TOKEN));
  }

  @Test
  void toStringShowsNoKey() throws Exception {
    String keyHex = hex(key.secret().toByteArray());
    assertThat(acceptor().toString()).contains("rc4-hmac").doesNotContain(keyHex);
  }

  /**
   * SND_SEQ is RC4 (a stream cipher) outside the checksum, so flipping a bit of its sequence
   * number in an unsealed token flips that bit of the number: the window then reports a gap, an
   * out-of-order token, or rejects it as too old, never an in-sequence token.
   */
  private static void assertSequenceChangeShows(SupplementaryCall call, int at, int mask)
      throws Exception {
    int shift = 8 * (3 - (at - SEQ_FROM));
    long changed = INITIATOR_SEQ ^ ((long) (mask & 0xff) << shift);
    long behind = -(long) (int) (changed - INITIATOR_SEQ);          // modulo 2^32
    if (behind > SequenceWindow.WINDOW) {
      assertThatThrownBy(call::run).as("byte %d", at).isInstanceOfSatisfying(
          RejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.OLD_TOKEN));
    } else {
      assertThat(call.run()).as("byte %d", at)
          .isEqualTo(behind > 0 ? Supplementary.UNSEQ : Supplementary.GAP);
    }
  }

  private static void assertRejected(Call call, int at) {
    assertThatThrownBy(call::run).as("at %d", at).isInstanceOfSatisfying(RejectedException.class,
        e -> assertThat(e.reason()).as("at %d: %s", at, e.getMessage()).isIn(REJECTIONS));
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private interface Call {
    void run() throws Exception;
  }

  private interface SupplementaryCall {
    Supplementary run() throws RejectedException;
  }
}
