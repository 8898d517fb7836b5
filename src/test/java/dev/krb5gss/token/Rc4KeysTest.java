package dev.krb5gss.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The per-message RC4 keys of RFC 4757 §7.2-§7.3 tokens are secrets this class owns: the RC4
 * helper encrypts correctly (RFC 6229 §2 vector, 40-bit key 0x0102030405, keystream at offset 0)
 * and leaves the key array it was handed zeroed.
 */
class Rc4KeysTest {
  @Test
  void rc4MatchesRfc6229AndZeroesTheKeyItWasGiven() {
    byte[] key = HexFormat.of().parseHex("0102030405");

    byte[] keystream = Rc4Keys.rc4(key, new byte[16], 0, 16);

    assertThat(HexFormat.of().formatHex(keystream)).isEqualTo("b2396305f03dc027ccc3524a0a1118a8");
    assertThat(key).containsOnly((byte) 0);
  }
}
