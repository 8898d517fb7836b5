package dev.krb5gss.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.crypto.CipherKey;
import dev.krb5gss.crypto.CryptoProfile;
import dev.krb5gss.crypto.CryptoProfiles;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 4121 §4.2 tokens between an acceptor-side and an initiator-side {@link MessageProtection}
 * over the same context key: round trips, tampering, truncation, flags, EC/RRC, sequence window.
 */
class MessageProtectionTest {
  private static final Set<Reason> TOKEN_REJECTIONS = EnumSet.of(Reason.MALFORMED_TOKEN,
      Reason.BAD_MIC);
  private static final byte[] MSG =
      "the quick brown fox jumps over the lazy dog 0123456789".getBytes(StandardCharsets.UTF_8);

  static Stream<Arguments> contexts() {
    return Stream.of(17, 18, 19, 20).flatMap(e -> Stream.of(
        Arguments.of(e, true), Arguments.of(e, false)));
  }

  private static final class Pair {
    final MessageProtection acceptor;
    final MessageProtection initiator;

    Pair(int enctype, boolean subkey, boolean replay, boolean sequence) throws RejectedException {
      CipherKey key = CryptoProfiles.of(EncType.of(enctype)).orElseThrow().randomKey();
      long acceptorSeq = 0x1234_5678L;
      long initiatorSeq = 0x7fff_fff0L;
      acceptor = MessageProtection.acceptor(key, subkey, acceptorSeq, initiatorSeq, replay,
          sequence);
      initiator = MessageProtection.initiator(key, subkey, initiatorSeq, acceptorSeq, replay,
          sequence);
    }
  }

  private static Pair pair(int enctype, boolean subkey) throws RejectedException {
    return new Pair(enctype, subkey, true, true);
  }

  @ParameterizedTest(name = "enctype {0}, acceptor subkey {1}")
  @MethodSource("contexts")
  void wrapAndMicRoundTripBothWays(int enctype, boolean subkey) throws Exception {
    Pair p = pair(enctype, subkey);
    for (boolean conf : new boolean[] {true, false}) {
      for (int len : new int[] {0, 1, 15, 16, 17, MSG.length}) {
        byte[] fromInitiator = p.initiator.wrap(MSG, 0, len, conf);
        Unwrapped u = p.acceptor.unwrap(fromInitiator, 0, fromInitiator.length);
        assertThat(u.data()).isEqualTo(Arrays.copyOf(MSG, len));
        assertThat(u.confidential()).isEqualTo(conf);
        assertThat(u.supplementary()).isEqualTo(Supplementary.NONE);
        byte[] fromAcceptor = p.acceptor.wrap(MSG, 0, len, conf);
        assertThat(p.initiator.unwrap(fromAcceptor, 0, fromAcceptor.length).data())
            .isEqualTo(Arrays.copyOf(MSG, len));
      }
    }
    byte[] mic = p.initiator.getMic(MSG, 3, 20);
    assertThat(p.acceptor.verifyMic(mic, MSG, 3, 20).supplementary())
        .isEqualTo(Supplementary.NONE);
    byte[] mic2 = p.acceptor.getMic(MSG, 0, MSG.length);
    assertThat(p.initiator.verifyMic(mic2, MSG, 0, MSG.length).supplementary())
        .isEqualTo(Supplementary.NONE);
  }

  @ParameterizedTest(name = "enctype {0}, acceptor subkey {1}")
  @MethodSource("contexts")
  void headersCarryTheRfc4121Fields(int enctype, boolean subkey) throws Exception {
    Pair p = pair(enctype, subkey);
    CryptoProfile profile = CryptoProfiles.of(EncType.of(enctype)).orElseThrow();
    byte[] sealed = p.acceptor.wrap(MSG, 0, MSG.length, true);
    int subkeyFlag = subkey ? 0x04 : 0;
    assertThat(Arrays.copyOf(sealed, 8)).containsExactly(0x05, 0x04, 0x01 | 0x02 | subkeyFlag,
        0xff, 0, 0, 0, 0);
    assertThat(TokenHeader.getLong(sealed, 8)).isEqualTo(0x1234_5678L);
    assertThat(sealed).hasSize(16 + MSG.length + 16 + profile.encryptionOverhead());
    byte[] signed = p.acceptor.wrap(MSG, 0, MSG.length, false);
    assertThat(Arrays.copyOf(signed, 8)).containsExactly(0x05, 0x04, 0x01 | subkeyFlag, 0xff, 0,
        profile.checksumLength(), 0, 0);
    assertThat(TokenHeader.getLong(signed, 8)).isEqualTo(0x1234_5679L);
    assertThat(Arrays.copyOfRange(signed, 16, 16 + MSG.length)).isEqualTo(MSG);
    byte[] mic = p.initiator.getMic(MSG, 0, MSG.length);
    assertThat(Arrays.copyOf(mic, 8)).containsExactly(0x04, 0x04, subkeyFlag, 0xff, 0xff, 0xff,
        0xff, 0xff);
    assertThat(mic).hasSize(16 + profile.checksumLength());
  }

  @ParameterizedTest(name = "enctype {0}, acceptor subkey {1}")
  @MethodSource("contexts")
  void everySingleByteFlipIsRejectedAndTheContextStaysUsable(int enctype, boolean subkey)
      throws Exception {
    Pair p = pair(enctype, subkey);
    for (boolean conf : new boolean[] {true, false}) {
      byte[] token = p.initiator.wrap(MSG, 0, MSG.length, conf);
      for (int i = 0; i < token.length; i++) {
        for (int bit : new int[] {0x01, 0x80}) {
          byte[] t = token.clone();
          t[i] ^= bit;
          assertRejected(() -> p.acceptor.unwrap(t, 0, t.length));
        }
      }
      assertThat(p.acceptor.unwrap(token, 0, token.length).data()).isEqualTo(MSG);
    }
    byte[] mic = p.initiator.getMic(MSG, 0, MSG.length);
    for (int i = 0; i < mic.length; i++) {
      byte[] t = mic.clone();
      t[i] ^= 0x01;
      assertRejected(() -> p.acceptor.verifyMic(t, MSG, 0, MSG.length));
    }
    for (int i = 0; i < MSG.length; i++) {
      byte[] m = MSG.clone();
      m[i] ^= 0x01;
      assertRejected(() -> p.acceptor.verifyMic(mic, m, 0, m.length));
    }
    assertThat(p.acceptor.verifyMic(mic, MSG, 0, MSG.length).supplementary())
        .isEqualTo(Supplementary.NONE);
  }

  @ParameterizedTest(name = "enctype {0}, acceptor subkey {1}")
  @MethodSource("contexts")
  void truncatedAndExtendedTokensAreRejected(int enctype, boolean subkey) throws Exception {
    Pair p = pair(enctype, subkey);
    for (boolean conf : new boolean[] {true, false}) {
      byte[] token = p.initiator.wrap(MSG, 0, MSG.length, conf);
      for (int len = 0; len < token.length; len++) {
        int l = len;
        assertRejected(() -> p.acceptor.unwrap(token, 0, l));
      }
      byte[] longer = Arrays.copyOf(token, token.length + 1);
      assertRejected(() -> p.acceptor.unwrap(longer, 0, longer.length));
      assertThat(p.acceptor.unwrap(token, 0, token.length).data()).isEqualTo(MSG);
    }
    byte[] mic = p.initiator.getMic(MSG, 0, MSG.length);
    for (int len = 0; len < mic.length; len++) {
      byte[] t = Arrays.copyOf(mic, len);
      assertRejected(() -> p.acceptor.verifyMic(t, MSG, 0, MSG.length));
    }
    assertRejected(() -> p.acceptor.verifyMic(Arrays.copyOf(mic, mic.length + 1), MSG, 0,
        MSG.length));
  }

  @ParameterizedTest(name = "enctype {0}")
  @ValueSource(ints = {17, 18, 19, 20})
  void misFlaggedTokensAreDefective(int enctype) throws Exception {
    CipherKey key = CryptoProfiles.of(EncType.of(enctype)).orElseThrow().randomKey();
    MessageProtection acceptor = MessageProtection.acceptor(key, true, 0, 0, true, true);
    MessageProtection otherAcceptor = MessageProtection.acceptor(key, true, 0, 0, true, true);
    MessageProtection noSubkey = MessageProtection.initiator(key, false, 0, 0, true, true);
    byte[] reflected = otherAcceptor.wrap(MSG, 0, MSG.length, true);
    assertReason(() -> acceptor.unwrap(reflected, 0, reflected.length), Reason.MALFORMED_TOKEN);
    byte[] reflectedMic = otherAcceptor.getMic(MSG, 0, MSG.length);
    assertReason(() -> acceptor.verifyMic(reflectedMic, MSG, 0, MSG.length),
        Reason.MALFORMED_TOKEN);
    byte[] wrongSubkey = noSubkey.wrap(MSG, 0, MSG.length, false);
    assertReason(() -> acceptor.unwrap(wrongSubkey, 0, wrongSubkey.length),
        Reason.MALFORMED_TOKEN);
    MessageProtection initiator = MessageProtection.initiator(key, true, 0, 0, true, true);
    byte[] mic = initiator.getMic(MSG, 0, MSG.length);
    assertReason(() -> acceptor.unwrap(mic, 0, mic.length), Reason.MALFORMED_TOKEN);
    byte[] wrap = initiator.wrap(MSG, 0, MSG.length, false);
    assertReason(() -> acceptor.verifyMic(wrap, MSG, 0, MSG.length), Reason.MALFORMED_TOKEN);
    byte[] sealedMic = mic.clone();
    sealedMic[2] |= TokenHeader.SEALED;
    assertReason(() -> acceptor.verifyMic(sealedMic, MSG, 0, MSG.length),
        Reason.MALFORMED_TOKEN);
    assertThat(acceptor.verifyMic(mic, MSG, 0, MSG.length).supplementary())
        .isEqualTo(Supplementary.NONE);
  }

  @ParameterizedTest(name = "enctype {0}")
  @ValueSource(ints = {17, 18, 19, 20})
  void rotatedTokensAreAccepted(int enctype) throws Exception {
    Pair p = new Pair(enctype, true, false, false);
    for (boolean conf : new boolean[] {true, false}) {
      byte[] token = p.initiator.wrap(MSG, 0, MSG.length, conf);
      int body = token.length - 16;
      for (int rrc : new int[] {1, 12, 16, 28, 60, body - 1, body, body + 3, 0xffff}) {
        byte[] rotated = rotate(token, rrc);
        Unwrapped u = p.acceptor.unwrap(rotated, 0, rotated.length);
        assertThat(u.data()).as("RRC %d", rrc).isEqualTo(MSG);
      }
    }
  }

  /** A peer that pads sealed tokens (EC = 16 filler bytes, RRC = 28, as Windows does). */
  @ParameterizedTest(name = "enctype {0}")
  @ValueSource(ints = {17, 18, 19, 20})
  void sealedTokensWithExtraCountAreAccepted(int enctype) throws Exception {
    CryptoProfile profile = CryptoProfiles.of(EncType.of(enctype)).orElseThrow();
    CipherKey key = profile.randomKey();
    MessageProtection acceptor = MessageProtection.acceptor(key, false, 0, 500, true, true);
    int ec = 16;
    byte[] header = TokenHeader.wrap(TokenHeader.SEALED, ec, 0, 500);
    byte[] trailer = new byte[ec + 16];
    Arrays.fill(trailer, 0, ec, (byte) 'X');
    System.arraycopy(header, 0, trailer, ec, 16);
    byte[] token = profile.encrypt(key, CfxMessageTokens.INITIATOR_SEAL, MSG, 0, MSG.length,
        trailer, 16);
    System.arraycopy(header, 0, token, 0, 16);
    byte[] rotated = rotate(token, 28);
    Unwrapped u = acceptor.unwrap(rotated, 0, rotated.length);
    assertThat(u.data()).isEqualTo(MSG);
    assertThat(u.confidential()).isTrue();
    byte[] badEc = rotated.clone();
    badEc[5] = 15;
    assertRejected(() -> acceptor.unwrap(badEc, 0, badEc.length));
  }

  @Test
  void replayOldUnseqAndGapAreReported() throws Exception {
    Pair p = pair(18, true);
    byte[][] t = new byte[80][];
    for (int i = 0; i < t.length; i++) {
      t[i] = p.initiator.wrap(MSG, 0, 10, i % 2 == 0);
    }
    assertThat(unwrap(p.acceptor, t[0]).supplementary()).isEqualTo(Supplementary.NONE);
    assertReason(() -> unwrap(p.acceptor, t[0]), Reason.DUPLICATE_TOKEN);
    assertThat(unwrap(p.acceptor, t[2]).supplementary()).isEqualTo(Supplementary.GAP);
    assertThat(unwrap(p.acceptor, t[1]).supplementary()).isEqualTo(Supplementary.UNSEQ);
    assertReason(() -> unwrap(p.acceptor, t[1]), Reason.DUPLICATE_TOKEN);
    assertThat(unwrap(p.acceptor, t[3]).supplementary()).isEqualTo(Supplementary.NONE);
    assertThat(unwrap(p.acceptor, t[79]).supplementary()).isEqualTo(Supplementary.GAP);
    assertThat(unwrap(p.acceptor, t[16]).supplementary()).isEqualTo(Supplementary.UNSEQ);
    assertReason(() -> unwrap(p.acceptor, t[4]), Reason.OLD_TOKEN);
    byte[] mic = p.initiator.getMic(MSG, 0, MSG.length);
    assertThat(p.acceptor.verifyMic(mic, MSG, 0, MSG.length).supplementary())
        .isEqualTo(Supplementary.NONE);
    assertReason(() -> p.acceptor.verifyMic(mic, MSG, 0, MSG.length), Reason.DUPLICATE_TOKEN);
    byte[] next = p.initiator.wrap(MSG, 0, MSG.length, true);
    assertThat(unwrap(p.acceptor, next).supplementary()).isEqualTo(Supplementary.NONE);
  }

  @Test
  void replayDetectionAloneReportsNoSequenceStatus() throws Exception {
    Pair p = new Pair(20, false, true, false);
    byte[] a = p.initiator.wrap(MSG, 0, 5, true);
    byte[] b = p.initiator.wrap(MSG, 0, 5, true);
    assertThat(unwrap(p.acceptor, b).supplementary()).isEqualTo(Supplementary.NONE);
    assertThat(unwrap(p.acceptor, a).supplementary()).isEqualTo(Supplementary.NONE);
    assertReason(() -> unwrap(p.acceptor, a), Reason.DUPLICATE_TOKEN);
  }

  @Test
  void withoutReplayOrSequenceDetectionRepeatsAreDelivered() throws Exception {
    Pair p = new Pair(19, false, false, false);
    byte[] a = p.initiator.wrap(MSG, 0, 5, true);
    assertThat(unwrap(p.acceptor, a).data()).hasSize(5);
    assertThat(unwrap(p.acceptor, a).supplementary()).isEqualTo(Supplementary.NONE);
  }

  @Test
  void sequenceNumbersAre64BitAndWrap() throws Exception {
    CipherKey key = CryptoProfiles.of(EncType.AES128_CTS_HMAC_SHA256_128).orElseThrow()
        .randomKey();
    long start = 0xffff_ffff_ffff_fffeL;
    MessageProtection initiator = MessageProtection.initiator(key, false, start, 0, true, true);
    MessageProtection acceptor = MessageProtection.acceptor(key, false, 0, start, true, true);
    for (long expected : new long[] {start, start + 1, 0, 1}) {
      byte[] token = initiator.wrap(MSG, 0, 4, false);
      assertThat(TokenHeader.getLong(token, 8)).isEqualTo(expected);
      assertThat(unwrap(acceptor, token).supplementary()).isEqualTo(Supplementary.NONE);
    }
    MessageProtection above32 = MessageProtection.initiator(key, false, 0x1_0000_0005L, 0, true,
        true);
    assertThat(Arrays.copyOfRange(above32.getMic(MSG, 0, 1), 8, 16))
        .containsExactly(0, 0, 0, 1, 0, 0, 0, 5);
  }

  @ParameterizedTest(name = "enctype {0}")
  @ValueSource(ints = {17, 18, 19, 20})
  void wrapSizeLimitIsExact(int enctype) throws Exception {
    Pair p = pair(enctype, false);
    for (boolean conf : new boolean[] {true, false}) {
      int limit = p.acceptor.wrapSizeLimit(conf, 1000);
      assertThat(p.acceptor.wrap(new byte[limit], 0, limit, conf)).hasSize(1000);
      assertThat(p.acceptor.wrap(new byte[limit + 1], 0, limit + 1, conf)).hasSize(1001);
    }
    assertThat(p.acceptor.wrapSizeLimit(true, 10)).isZero();
  }

  @Test
  void concurrentWrapsGetDistinctSequenceNumbers() throws Exception {
    Pair p = pair(20, true);
    int threads = 4;
    int each = 200;
    java.util.concurrent.ConcurrentSkipListMap<Long, byte[]> bySeq =
        new java.util.concurrent.ConcurrentSkipListMap<>(Long::compareUnsigned);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < each; i++) {
            byte[] token = p.initiator.wrap(MSG, 0, MSG.length, i % 2 == 0);
            bySeq.put(TokenHeader.getLong(token, 8), token);
          }
        }));
      }
      for (java.util.concurrent.Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(bySeq).hasSize(threads * each);
    for (byte[] token : bySeq.values()) {
      assertThat(unwrap(p.acceptor, token).supplementary()).isEqualTo(Supplementary.NONE);
    }
  }

  @Test
  void toStringCarriesNoKey() throws Exception {
    CipherKey key = CryptoProfiles.of(EncType.AES256_CTS_HMAC_SHA1_96).orElseThrow().randomKey();
    String hex = java.util.HexFormat.of().formatHex(key.secret().toByteArray());
    assertThat(MessageProtection.acceptor(key, true, 0, 0, true, true).toString())
        .doesNotContain(hex).contains("aes256-cts-hmac-sha1-96");
  }

  private static Unwrapped unwrap(MessageProtection mp, byte[] token) throws RejectedException {
    return mp.unwrap(token, 0, token.length);
  }

  /** The token with its body rotated right by {@code rrc} and RRC set (RFC 4121 §4.2.5). */
  private static byte[] rotate(byte[] token, int rrc) {
    byte[] out = token.clone();
    int n = token.length - 16;
    int r = rrc % n;
    for (int i = 0; i < n; i++) {
      out[16 + (i + r) % n] = token[16 + i];
    }
    TokenHeader.putShort(out, 6, rrc);
    return out;
  }

  private interface Call {
    void run() throws Exception;
  }

  private static void assertRejected(Call call) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(RejectedException.class,
        e -> assertThat(e.reason()).isIn(TOKEN_REJECTIONS));
  }

  private static void assertReason(Call call, Reason reason) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(RejectedException.class,
        e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @ParameterizedTest
  @ValueSource(ints = {17, 18, 19, 20, 23})
  void aDisposedContextRefusesPeerTokensAndWillNotProtect(int enctype) throws Exception {
    CipherKey key = CryptoProfiles.of(EncType.of(enctype)).orElseThrow().randomKey();
    MessageProtection acceptor = MessageProtection.acceptor(key, enctype != 23, 0, 0, true, true);
    MessageProtection initiator = MessageProtection.initiator(key, enctype != 23, 0, 0, true, true);
    byte[] wrapped = initiator.wrap(new byte[] {1, 2, 3}, 0, 3, true);
    byte[] mic = initiator.getMic(new byte[] {1, 2, 3}, 0, 3);

    key.destroy();

    assertThatThrownBy(() -> acceptor.unwrap(wrapped, 0, wrapped.length))
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NO_CONTEXT));
    assertThatThrownBy(() -> acceptor.verifyMic(mic, new byte[] {1, 2, 3}, 0, 3))
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NO_CONTEXT));
    assertThatThrownBy(() -> acceptor.wrap(new byte[] {4}, 0, 1, true))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("disposed");
    assertThatThrownBy(() -> acceptor.getMic(new byte[] {4}, 0, 1))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("disposed");
  }
}
