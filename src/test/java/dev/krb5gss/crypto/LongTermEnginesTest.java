package dev.krb5gss.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.IdentityHashMap;
import java.util.Map;
import javax.crypto.Mac;
import org.junit.jupiter.api.Test;

/** A service's long-term keys keep engines of their own on a thread (see {@link Jce}). */
class LongTermEnginesTest {
  private final AesProfile profile =
      (AesProfile) CryptoProfiles.of(EncType.AES256_CTS_HMAC_SHA1_96).orElseThrow();

  @Test
  void keysDerivedFromALongTermKeyAreMarkedAndOthersAreNot() {
    CipherKey service = profile.longTermKey(SecretBytes.copyOf(new byte[32]));
    CipherKey session = profile.randomKey();
    assertThat(service.isLongTerm()).isTrue();
    assertThat(session.isLongTerm()).isFalse();
    assertThat(profile.usageKeys(service, 2).ke.longTerm()).isTrue();
    assertThat(profile.usageKeys(service, 2).ki.longTerm()).isTrue();
    assertThat(profile.checksumKey(service, 17).longTerm()).isTrue();
    assertThat(profile.usageKeys(session, 11).ki.longTerm()).isFalse();
  }

  @Test
  void contextKeysDoNotTakeTheEnginesOfTheServiceKey() {
    CipherKey service = profile.longTermKey(SecretBytes.copyOf(new byte[32]));
    WipeableKey ticketKi = profile.usageKeys(service, 2).ki;
    WipeableKey pacKc = profile.checksumKey(service, 17);
    Mac ticketMac = Jce.mac("HmacSHA1", ticketKi);
    Mac pacMac = Jce.mac("HmacSHA1", pacKc);
    Map<Mac, Boolean> contextEngines = new IdentityHashMap<>();
    for (int i = 0; i < 5; i++) { // what accepts do in between: new session keys, two usages each
      CipherKey session = profile.randomKey();
      contextEngines.put(Jce.mac("HmacSHA1", profile.usageKeys(session, 11).ki), true);
      contextEngines.put(Jce.mac("HmacSHA1", profile.usageKeys(session, 12).ki), true);
      session.destroy();
    }
    assertThat(contextEngines).doesNotContainKey(ticketMac).doesNotContainKey(pacMac);
    assertThat(Jce.mac("HmacSHA1", ticketKi)).isSameAs(ticketMac);
    assertThat(Jce.mac("HmacSHA1", pacKc)).isSameAs(pacMac);
  }

  @Test
  void aLongTermKeyEncryptsAndDecryptsLikeAnyOther() throws Exception {
    byte[] raw = new byte[32];
    raw[0] = 7;
    CipherKey longTerm = profile.longTermKey(SecretBytes.copyOf(raw));
    CipherKey plain = profile.key(SecretBytes.copyOf(raw));
    byte[] c = profile.encrypt(longTerm, 2, new byte[40], 0, 40);
    assertThat(profile.decrypt(plain, 2, c, 0, c.length)).isEqualTo(new byte[40]);
  }
}
