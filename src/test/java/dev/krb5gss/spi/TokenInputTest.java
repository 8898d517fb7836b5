package dev.krb5gss.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedGssException;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

/** Reading a context token from the JDK's stream: exact sizes, one DER element, caps checked first. */
class TokenInputTest {

  @Test
  void readsExactlyTheAnnouncedSize() throws Exception {
    ByteArrayInputStream in = new ByteArrayInputStream(new byte[] {1, 2, 3, 4});
    assertThat(TokenInput.read(in, 3, 100)).containsExactly(1, 2, 3);
    assertThat(in.available()).isEqualTo(1);
  }

  @Test
  void readsOneDerElementWithALongFormLength() throws Exception {
    byte[] token = new byte[3 + 200 + 1];
    token[0] = (byte) 0xa1;
    token[1] = (byte) 0x81;
    token[2] = (byte) 200;
    ByteArrayInputStream in = new ByteArrayInputStream(token);
    assertThat(TokenInput.read(in, -1, 1000)).hasSize(203);
    assertThat(in.available()).isEqualTo(1);
  }

  @Test
  void refusesBeforeAllocatingWhenTheLengthExceedsTheCap() {
    byte[] huge = {(byte) 0xa1, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
    assertReason(() -> TokenInput.read(new ByteArrayInputStream(huge), -1, 65536),
        Reason.TOKEN_TOO_LARGE);
    assertReason(() -> TokenInput.read(new ByteArrayInputStream(new byte[0]), 70000, 65536),
        Reason.TOKEN_TOO_LARGE);
  }

  @Test
  void truncatedOrIndefiniteTokensAreMalformed() {
    assertReason(() -> TokenInput.read(new ByteArrayInputStream(new byte[] {1, 2}), 5, 100),
        Reason.MALFORMED_TOKEN);
    assertReason(() -> TokenInput.read(
        new ByteArrayInputStream(new byte[] {(byte) 0xa1, 0x05, 1}), -1, 100),
        Reason.MALFORMED_TOKEN);
    assertReason(() -> TokenInput.read(
        new ByteArrayInputStream(new byte[] {(byte) 0xa1, (byte) 0x80, 0, 0}), -1, 100),
        Reason.MALFORMED_TOKEN);
    assertReason(() -> TokenInput.read(new ByteArrayInputStream(new byte[] {(byte) 0xa1}), -1,
        100), Reason.MALFORMED_TOKEN);
  }

  private static void assertReason(org.assertj.core.api.ThrowableAssert.ThrowingCallable c,
      Reason reason) {
    assertThatThrownBy(c).isInstanceOfSatisfying(RejectedGssException.class,
        e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
