package dev.krb5gss.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.name.PrincipalName;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplayKeyTest {
  private static final PrincipalName ALICE = PrincipalName.parse("alice@EXAMPLE.TEST", "");
  private static final PrincipalName BOB = PrincipalName.parse("bob@EXAMPLE.TEST", "");
  private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

  /**
   * What a Redis cache stores: SHA-256(len(name) | name in UTF-8 | ctime seconds | cusec |
   * SHA-256(ciphertext)), big-endian, computed here independently: a change would split a cluster
   * running two versions.
   */
  private static byte[] documentedDigest(PrincipalName client, Instant ctime, int cusec,
      byte[] ciphertext) throws Exception {
    byte[] name = client.toString().getBytes(StandardCharsets.UTF_8);
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    byte[] cipherHash = md.digest(ciphertext);
    md.update(ByteBuffer.allocate(4).putInt(name.length).array());
    md.update(name);
    md.update(ByteBuffer.allocate(12).putLong(ctime.getEpochSecond()).putInt(cusec).array());
    md.update(cipherHash);
    return md.digest();
  }

  @Test
  void theSharedDigestIsTheDocumentedEncoding() throws Exception {
    byte[] ciphertext = "authenticator ciphertext".getBytes(StandardCharsets.US_ASCII);
    ReplayKey key = ReplayKey.of(ALICE, T0, 123_456, ciphertext);
    assertThat(key.digest()).isEqualTo(documentedDigest(ALICE, T0, 123_456, ciphertext));
    assertThat(key.authenticatorHash())
        .isEqualTo(MessageDigest.getInstance("SHA-256").digest(ciphertext));
  }

  @Test
  void aNonAsciiNameGivesTheSameEncoding() throws Exception {
    PrincipalName jose = PrincipalName.parse("jos\u00e9@EXAMPLE.TEST", "");
    byte[] ciphertext = {1, 2, 3};
    assertThat(ReplayKey.of(jose, T0, 7, ciphertext).digest())
        .isEqualTo(documentedDigest(jose, T0, 7, ciphertext));
  }

  @Test
  void keysAreEqualExactlyWhenEveryFieldIs() {
    byte[] ct = {9, 8, 7, 6};
    ReplayKey key = ReplayKey.of(ALICE, T0, 5, ct);
    assertThat(ReplayKey.of(ALICE, T0, 5, ct.clone())).isEqualTo(key).hasSameHashCodeAs(key);
    for (ReplayKey other : new ReplayKey[] {
        ReplayKey.of(BOB, T0, 5, ct), ReplayKey.of(ALICE, T0.plusSeconds(1), 5, ct),
        ReplayKey.of(ALICE, T0, 6, ct), ReplayKey.of(ALICE, T0, 5, new byte[] {9, 8, 7, 7})}) {
      assertThat(other).as("%s against %s", other, key).isNotEqualTo(key);
      assertThat(other.digest()).isNotEqualTo(key.digest());
    }
  }
}
