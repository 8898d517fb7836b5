package dev.krb5gss.ap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.testkit.GssChecksum;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.ietf.jgss.ChannelBinding;
import org.junit.jupiter.api.Test;

/** RFC 4121 §4.1.1.2 channel-binding hashes, checked against the kit's independent encoder. */
class ChannelBindingsTest {
  private static final byte[] APP = "tls-server-end-point:abc".getBytes(StandardCharsets.US_ASCII);

  @Test
  void addressesAndApplicationDataHashAsTheJdkDoes() throws Exception {
    InetAddress a = InetAddress.getByName("192.0.2.1");
    InetAddress b = InetAddress.getByName("2001:db8::2");
    ChannelBindings ours = ChannelBindings.of(2, a.getAddress(), 24, b.getAddress(), APP);
    assertThat(ours.md5()).hasSize(16).isEqualTo(GssChecksum.hash(new ChannelBinding(a, b, APP)));
  }

  @Test
  void applicationDataOnlyMatchesBothNullAddressEncodings() {
    ChannelBindings ours = ChannelBindings.ofApplicationData(APP);
    byte[] jdkPlain = GssChecksum.hash(new ChannelBinding(APP)); // AF_NULLADDR (255)
    byte[] unspec = ChannelBindings.of(0, null, 0, null, APP).md5(); // MIT / Windows / JDK TLS
    assertThat(jdkPlain).isNotEqualTo(unspec);
    assertThat(ours.md5()).isEqualTo(unspec);
    assertThat(ours.matches(jdkPlain)).isTrue();
    assertThat(ours.matches(unspec)).isTrue();
    assertThat(ours.matches(ChannelBindings.ofApplicationData(new byte[] {1}).md5())).isFalse();
    assertThat(ours.matches(new byte[16])).isFalse();
  }

  @Test
  void md5IsACopyAndToStringRevealsNothing() {
    ChannelBindings ours = ChannelBindings.ofApplicationData(APP);
    ours.md5()[0] ^= 1;
    assertThat(ours.matches(ChannelBindings.of(0, null, 0, null, APP).md5())).isTrue();
    assertThat(ours.toString()).doesNotContain("tls");
  }
}
