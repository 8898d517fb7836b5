package dev.krb5gss.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@link CipherKey#destroy()} does what it says (MIT's krb5_k_free_key frees derived keys with the
 * key): every derived key (RFC 3961 §5.1 Ke/Ki/Kc, the PRF key, RFC 4757 K1/Ksign) is zeroed in
 * place, the cache is emptied, and neither the key nor a per-thread engine serves it again.
 */
class DestroyWipesDerivedKeysTest {
  private static final int USAGE = 11; // RFC 4120 §7.5.1: AP-REQ authenticator
  private static final int CHECKSUM_USAGE = 25; // RFC 4121 §2: acceptor seal/sign

  @ParameterizedTest
  @ValueSource(ints = {17, 18, 19, 20, 23})
  void destroyZeroesEveryDerivedKeysBytes(int enctype) throws Exception {
    CryptoProfile profile = CryptoProfiles.of(EncType.of(enctype)).orElseThrow();
    CipherKey key = profile.randomKey();
    byte[] message = "a message".getBytes(StandardCharsets.US_ASCII);
    byte[] sealed = profile.encrypt(key, USAGE, message, 0, message.length);
    assertThat(profile.decrypt(key, USAGE, sealed, 0, sealed.length)).isEqualTo(message);
    profile.checksum(key, CHECKSUM_USAGE, message, 0, message.length);
    profile.prf(key, message);

    List<WipeableKey> derived = wipeable(key.derivedForTest());
    assertThat(derived).hasSizeGreaterThanOrEqualTo(2);
    List<byte[]> bytes = new ArrayList<>();
    for (WipeableKey k : derived) {
      bytes.add(k.bytesForTest());
      assertThat(k.bytesForTest()).as(k.toString())
          .isNotEqualTo(new byte[k.bytesForTest().length]);
    }

    key.destroy();

    assertThat(derived).allSatisfy(k -> assertThat(k.isDestroyed()).isTrue());
    assertThat(bytes).allSatisfy(b -> assertThat(b).containsOnly((byte) 0));
    assertThat(key.derivedForTest()).isEmpty();
    assertThat(key.isDestroyed()).isTrue();
    assertThatThrownBy(() -> profile.encrypt(key, USAGE, message, 0, message.length))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("destroyed");
  }

  @Test
  void anEngineNeverServesADestroyedKey() {
    WipeableKey k = WipeableKey.copyOf(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, "HmacSHA256");
    byte[] before = Jce.mac("HmacSHA256", k).doFinal(new byte[1]);
    assertThat(before).hasSize(32);

    k.destroy();

    assertThatThrownBy(() -> Jce.mac("HmacSHA256", k))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("destroyed");
  }

  @Test
  void lookupIdsAreInternedForTheUsagesKerberosUses() {
    for (DerivedKeyId.Kind kind : DerivedKeyId.Kind.values()) {
      for (int usage = 0; usage < DerivedKeyId.INTERNED_USAGES; usage++) {
        assertThat(DerivedKeyId.of(kind, usage)).isSameAs(DerivedKeyId.of(kind, usage));
      }
    }
    assertThat(DerivedKeyId.of(DerivedKeyId.Kind.CHECKSUM, 1024))
        .isEqualTo(DerivedKeyId.of(DerivedKeyId.Kind.CHECKSUM, 1024))
        .isNotEqualTo(DerivedKeyId.of(DerivedKeyId.Kind.USAGE_KEYS, 1024));
  }

  private static List<WipeableKey> wipeable(List<Object> cached) {
    List<WipeableKey> out = new ArrayList<>();
    for (Object v : cached) {
      if (v instanceof UsageKeys) {
        out.add(((UsageKeys) v).ke);
        out.add(((UsageKeys) v).ki);
      } else {
        assertThat(v).isInstanceOf(WipeableKey.class);
        out.add((WipeableKey) v);
      }
    }
    return out;
  }
}
