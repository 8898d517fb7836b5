package dev.krb5gss.fuzz;

import static dev.krb5gss.fuzz.FuzzSupport.check;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.krb5gss.crypto.CipherKey;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.token.MessageProtection;
import dev.krb5gss.token.Supplementary;
import dev.krb5gss.token.Unwrapped;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Per-message tokens from an established peer, for both token families: RFC 4121 §4.2 (CFX,
 * aes-sha1 here) and RFC 4757 §7 (rc4-hmac, GSS-framed). Each input gets a fresh acceptor and
 * initiator over one fixed context key.
 * <ul>
 *   <li>{@code *Unwrap} / {@code *VerifyMic}: the token as the fuzzer writes it;</li>
 *   <li>{@code *Wrapped}: structure-aware — the initiator wraps a fuzzed message (sealed or
 *       not), and for CFX the harness rotates the body by a fuzzed RRC (§4.2.5), so the token
 *       carries a valid MAC; the acceptor must return exactly the message.</li>
 * </ul>
 *
 * <p>Invariants: only {@link RejectedException}; allocation bounded by the token; a rejected
 * token changes nothing: the initiator's first real token is still accepted as in sequence
 * ({@link Supplementary#NONE}).
 */
class MessageTokenFuzzTest {
  private static final CipherKey CFX_KEY =
      FuzzSupport.key(EncType.AES256_CTS_HMAC_SHA1_96, "fuzz cfx context key");
  private static final CipherKey RC4_KEY = FuzzSupport.key(EncType.RC4_HMAC, "fuzz rc4 key");
  private static final byte[] MESSAGE = "a message".getBytes(StandardCharsets.US_ASCII);
  private static final long INITIATOR_SEQ = 1000;
  private static final long ACCEPTOR_SEQ = 5000;

  static {
    Warmup.run(() -> {
      MessageTokenFuzzTest t = new MessageTokenFuzzTest();
      t.cfxUnwrap(pair(CFX_KEY).initiator.wrap(MESSAGE, 0, MESSAGE.length, true));
      t.rc4Unwrap(pair(RC4_KEY).initiator.wrap(MESSAGE, 0, MESSAGE.length, true));
      t.cfxVerifyMic(pair(CFX_KEY).initiator.getMic(MESSAGE, 0, MESSAGE.length));
      t.rc4VerifyMic(pair(RC4_KEY).initiator.getMic(MESSAGE, 0, MESSAGE.length));
    });
  }

  private record Pair(MessageProtection acceptor, MessageProtection initiator) {}

  private static Pair pair(CipherKey key) throws RejectedException {
    return new Pair(
        MessageProtection.acceptor(key, false, ACCEPTOR_SEQ, INITIATOR_SEQ, true, true),
        MessageProtection.initiator(key, false, INITIATOR_SEQ, ACCEPTOR_SEQ, true, true));
  }

  @FuzzTest
  void cfxUnwrap(byte[] token) throws Exception {
    unwrap(CFX_KEY, token);
  }

  @FuzzTest
  void rc4Unwrap(byte[] token) throws Exception {
    unwrap(RC4_KEY, token);
  }

  @FuzzTest
  void cfxVerifyMic(byte[] token) throws Exception {
    verifyMic(CFX_KEY, token);
  }

  @FuzzTest
  void rc4VerifyMic(byte[] token) throws Exception {
    verifyMic(RC4_KEY, token);
  }

  @FuzzTest
  void cfxWrapped(FuzzedDataProvider data) throws Exception {
    Pair p = pair(CFX_KEY);
    boolean conf = data.consumeBoolean();
    int rrc = data.consumeInt(0, 0xffff);
    byte[] msg = data.consumeRemainingAsBytes();
    byte[] token = rotate(p.initiator.wrap(msg, 0, msg.length, conf), rrc);
    roundTrip(p, token, msg, conf);
  }

  @FuzzTest
  void rc4Wrapped(FuzzedDataProvider data) throws Exception {
    Pair p = pair(RC4_KEY);
    boolean conf = data.consumeBoolean();
    byte[] msg = data.consumeRemainingAsBytes();
    roundTrip(p, p.initiator.wrap(msg, 0, msg.length, conf), msg, conf);
  }

  private static void roundTrip(Pair p, byte[] token, byte[] msg, boolean conf)
      throws Exception {
    Unwrapped[] out = new Unwrapped[1];
    CipherKey key = p.acceptor.encType().equals(EncType.RC4_HMAC) ? RC4_KEY : CFX_KEY;
    FuzzSupport.allocationBound(token.length, 16, 256 * 1024,
        () -> out[0] = pair(key).acceptor.unwrap(token, 0, token.length));
    check(Arrays.equals(out[0].data(), msg), "unwrap did not return the wrapped message");
    check(out[0].confidential() == conf, "confidentiality flag changed in transit");
    check(out[0].supplementary() == Supplementary.NONE, "first token reported as "
        + out[0].supplementary());
  }

  /** RFC 4121 §4.2.5: rotate everything after the 16-byte header right by {@code rrc}. */
  private static byte[] rotate(byte[] token, int rrc) {
    int len = token.length - 16;
    if (len <= 0) {
      return token;
    }
    byte[] out = token.clone();
    int r = rrc % len;
    for (int i = 0; i < len; i++) {
      out[16 + (i + r) % len] = token[16 + i];
    }
    out[6] = (byte) (rrc >>> 8);
    out[7] = (byte) rrc;
    return out;
  }

  private static void unwrap(CipherKey key, byte[] token) throws Exception {
    Pair[] p = new Pair[1];
    try {
      FuzzSupport.allocationBound(token.length, 16, 256 * 1024, () -> {
        p[0] = pair(key);
        p[0].acceptor.unwrap(token, 0, token.length);
      });
    } catch (RejectedException e) {
      stillInSequence(p[0]);
    }
  }

  private static void verifyMic(CipherKey key, byte[] token) throws Exception {
    Pair[] p = new Pair[1];
    try {
      FuzzSupport.allocationBound(token.length, 16, 256 * 1024, () -> {
        p[0] = pair(key);
        p[0].acceptor.verifyMic(token, MESSAGE, 0, MESSAGE.length);
      });
    } catch (RejectedException e) {
      stillInSequence(p[0]);
    }
  }

  /** After a rejection the peer's first real token is accepted in sequence. */
  private static void stillInSequence(Pair p) throws RejectedException {
    byte[] real = p.initiator.wrap(MESSAGE, 0, MESSAGE.length, true);
    Unwrapped u = p.acceptor.unwrap(real, 0, real.length);
    check(u.supplementary() == Supplementary.NONE && Arrays.equals(u.data(), MESSAGE),
        "a rejected token changed the sequence state: the next real token is "
            + u.supplementary());
  }
}
