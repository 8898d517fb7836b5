package dev.krb5gss.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kerby.kerberos.kerb.crypto.CheckSumHandler;
import org.apache.kerby.kerberos.kerb.crypto.EncTypeHandler;
import org.apache.kerby.kerberos.kerb.crypto.EncryptionHandler;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our 17, 18 and 23 against Kerby's independent implementation: each side decrypts what the other
 * encrypted, checksums, PRF and string-to-key agree (RFC 3962, RFC 4757).
 */
class KerbyCrossCheckTest {
  private static final int[] USAGES = {2, 3, 7, 11, 12, 22, 24, 1024};

  @ParameterizedTest(name = "enctype {0}")
  @ValueSource(ints = {17, 18, 23})
  void encryptionBothWays(int id) throws Exception {
    CryptoProfile ours = CryptoProfiles.of(EncType.of(id)).orElseThrow();
    EncTypeHandler theirs = EncryptionHandler.getEncHandler(id);
    CipherKey key = ours.randomKey();
    byte[] raw = key.secret().toByteArray();
    for (int usage : USAGES) {
      for (int len : new int[] {0, 1, 15, 16, 17, 31, 32, 33, 1000}) {
        byte[] msg = new byte[len];
        SecureRandoms.current().nextBytes(msg);
        byte[] mine = ours.encrypt(key, usage, msg, 0, len);
        assertThat(theirs.decrypt(mine, raw, usage)).isEqualTo(msg);
        byte[] kerby = theirs.encrypt(msg, raw, usage);
        assertThat(ours.decrypt(key, usage, kerby, 0, kerby.length)).isEqualTo(msg);
      }
    }
  }

  @ParameterizedTest(name = "enctype {0}")
  @ValueSource(ints = {17, 18, 23})
  void checksumsAgree(int id) throws Exception {
    CryptoProfile ours = CryptoProfiles.of(EncType.of(id)).orElseThrow();
    CipherKey key = ours.randomKey();
    byte[] raw = key.secret().toByteArray();
    byte[] msg = "a message to checksum, longer than one block".getBytes(StandardCharsets.UTF_8);
    for (int usage : USAGES) {
      byte[] theirs = CheckSumHandler.getCheckSumHandler(
              EncryptionHandler.getEncHandler(id).checksumType())
          .checksumWithKey(msg, 0, msg.length, raw, usage);
      assertThat(ours.checksum(key, usage, msg, 0, msg.length)).isEqualTo(theirs);
    }
  }

  /** RFC 3962 §6 and the rc4-hmac PRF: no RFC vectors, so against Kerby's implementation. */
  @ParameterizedTest(name = "enctype {0}")
  @ValueSource(ints = {17, 18, 23})
  void prfAgrees(int id) throws Exception {
    CryptoProfile ours = CryptoProfiles.of(EncType.of(id)).orElseThrow();
    EncTypeHandler theirs = EncryptionHandler.getEncHandler(id);
    CipherKey key = ours.randomKey();
    for (String input : new String[] {"", "a", "test", "a longer pseudo-random input"}) {
      byte[] in = input.getBytes(StandardCharsets.UTF_8);
      assertThat(ours.prf(key, in)).isEqualTo(theirs.prf(key.secret().toByteArray(), in));
    }
  }

  @ParameterizedTest(name = "enctype {0}")
  @ValueSource(ints = {17, 18, 23})
  void stringToKeyAgrees(int id) throws Exception {
    CryptoProfile ours = CryptoProfiles.of(EncType.of(id)).orElseThrow();
    String password = "Pässwörd-𝄞-123";
    String salt = "EXAMPLE.COMhttp/host.example.com";
    EncryptionKey theirs = EncryptionHandler.string2Key(password, salt, null,
        EncryptionType.fromValue(id));
    CipherKey mine = ours.stringToKey(password.getBytes(StandardCharsets.UTF_8),
        salt.getBytes(StandardCharsets.UTF_8), 0);
    assertThat(mine.secret().toByteArray()).isEqualTo(theirs.getKeyData());
  }
}
