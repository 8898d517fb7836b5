package dev.krb5gss.ap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.ap.KerberosMessages.Checksum;
import dev.krb5gss.crypto.CipherKey;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.testkit.ForgedTicket;
import dev.krb5gss.testkit.GssChecksum;
import dev.krb5gss.token.MessageProtection;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@link ApEstablished#destroy()} wipes: the session key and subkeys with every key derived
 * from them, and the delegated KRB-CRED (with etype 0 its enc-part holds the delegated TGT's
 * session key in clear, RFC 4120 §5.8). Observed through reflection on the arrays themselves.
 */
class SecretWipingTest {
  private final ForgeFixture fx = ForgeFixture.aes256();

  @Test
  void destroyZeroesTheDelegatedCredential() throws Exception {
    ForgedTicket ticket = fx.forge.ticket().client(ForgeFixture.CLIENT).build();
    byte[] krbCred = fx.forge.krbCred(fx.forge.forwardedTgt(ticket), null); // etype 0
    byte[] token = fx.forge.apReq(ticket)
        .checksum(GssChecksum.builder().delegation(krbCred)).build().gssToken();
    ApEstablished est = fx.acceptor().accept(token, null);
    byte[] held = (byte[]) field(est, "delegatedCredential");
    assertThat(held).isEqualTo(krbCred);

    est.destroy();
    assertThat(held).containsOnly(0);
  }

  @Test
  void theChecksumValueIsWipedAndTheDelegationHandedOverOnce() throws Exception {
    byte[] krbCred = {0x76, 3, 1, 2, 3};
    byte[] value = GssChecksum.builder().delegation(krbCred).encode();
    Checksum cksum = new Checksum(GssChecksum.TYPE, value);
    dev.krb5gss.ap.GssChecksum parsed = dev.krb5gss.ap.GssChecksum.parse(cksum);
    assertThat(value).containsOnly(0);
    assertThat(parsed.takeDelegation()).isEqualTo(krbCred);
    assertThat(parsed.takeDelegation()).isNull();
  }

  @Test
  void aRejectedChecksumIsWipedToo() {
    byte[] value = GssChecksum.builder().delegation(new byte[] {1, 2, 3}).encode();
    value[24] = 2; // DlgOpt 2
    Checksum cksum = new Checksum(GssChecksum.TYPE, value);
    assertThatThrownBy(() -> dev.krb5gss.ap.GssChecksum.parse(cksum))
        .isInstanceOf(RejectedException.class);
    assertThat(value).containsOnly(0);
  }

  @Test
  void theReusedPlaintextBufferHoldsOnlyZerosAfterAcceptedAndRejectedDecryptions() throws Exception {
    ApEstablished est = fx.acceptor().accept(fx.validToken(), null);
    assertThat(est.client()).isNotNull();
    assertThat(ApCrypto.plaintextBufferForTest()).containsOnly(0);

    // A ticket that decrypts under the service key but is not an EncTicketPart: rejected while
    // decoding, after the plaintext was written into the buffer.
    dev.krb5gss.crypto.CryptoProfile profile = dev.krb5gss.crypto.CryptoProfiles
        .of(dev.krb5gss.crypto.EncType.AES256_CTS_HMAC_SHA1_96).orElseThrow();
    dev.krb5gss.crypto.SecretBytes secret =
        dev.krb5gss.crypto.SecretBytes.copyOf(new byte[32]);
    dev.krb5gss.keytab.ServiceKey key = new dev.krb5gss.keytab.ServiceKey(
        dev.krb5gss.name.PrincipalName.parse("HTTP/h@R", ""), 1,
        dev.krb5gss.crypto.EncType.AES256_CTS_HMAC_SHA1_96, secret);
    byte[] notATicket = new byte[300];
    java.util.Arrays.fill(notATicket, (byte) 0x5a);
    byte[] cipher = profile.encrypt(key.cipherKey(), ApCrypto.USAGE_TICKET, notATicket, 0, 300);
    ApCrypto crypto = new ApCrypto(dev.krb5gss.crypto.EnctypePolicy.defaults());
    assertThatThrownBy(() -> crypto.decryptTicket(new KerberosMessages.EncryptedPart(
        18, null, cipher, 0, cipher.length), key, profile))
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_TOKEN));
    assertThat(ApCrypto.plaintextBufferForTest()).containsOnly(0);
  }

  @Test
  void destroyZeroesTheDerivedKeysAndPerMessageUseIsRefused() throws Exception {
    ApEstablished est = fx.acceptor().accept(fx.validToken(), null);
    MessageProtection mp = MessageProtection.forAcceptor(est);
    byte[] token = mp.wrap(new byte[] {1, 2, 3}, 0, 3, true);
    mp.getMic(new byte[] {1}, 0, 1);
    CipherKey key = est.contextKey();
    List<byte[]> derived = derivedKeyBytes(key);
    assertThat(derived).isNotEmpty().allSatisfy(b -> assertThat(b).isNotEqualTo(new byte[b.length]));

    est.destroy();
    assertThat(derived).allSatisfy(b -> assertThat(b).containsOnly(0));
    assertThat(key.isDestroyed()).isTrue();
    assertThatThrownBy(() -> mp.wrap(new byte[] {1}, 0, 1, true))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("disposed");
    assertThatThrownBy(() -> mp.unwrap(token, 0, token.length))
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NO_CONTEXT));
    assertThatThrownBy(() -> MessageProtection.forAcceptor(est).verifyMic(token, new byte[1], 0, 1))
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NO_CONTEXT));
  }

  /** The byte arrays behind every derived key cached in {@code key} (Ke, Ki, Kc, ...). */
  private static List<byte[]> derivedKeyBytes(CipherKey key) throws Exception {
    List<byte[]> out = new ArrayList<>();
    Object[] table = (Object[]) field(key, "derived"); // id, key, id, key...
    for (int i = 1; i < table.length; i += 2) {
      Object v = table[i];
      if (v == null) {
        break; // the table's free slots
      }
      if (v.getClass().getSimpleName().equals("UsageKeys")) {
        out.add(keyBytes(field(v, "ke")));
        out.add(keyBytes(field(v, "ki")));
      } else {
        out.add(keyBytes(v));
      }
    }
    return out;
  }

  /** The array a derived key really keys the engines with (its own, not SecretKeySpec's). */
  private static byte[] keyBytes(Object key) throws Exception {
    for (Class<?> c = key.getClass(); c != null; c = c.getSuperclass()) {
      for (String name : new String[] {"bytes"}) {
        try {
          Field f = c.getDeclaredField(name);
          f.setAccessible(true);
          return (byte[]) f.get(key);
        } catch (NoSuchFieldException e) {
          // look in the superclass
        }
      }
    }
    throw new AssertionError(key.getClass() + " is a SecretKeySpec whose copy cannot be wiped");
  }

  private static Object field(Object o, String name) throws Exception {
    Field f = o.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f.get(o);
  }
}
