package dev.krb5gss.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The gss-sample framing: flag byte, 4-byte big-endian length, body. */
class GssSampleTokenTest {

  @Test
  void writesFlagThenBigEndianLengthThenBody() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    GssSampleToken.write(new DataOutputStream(bytes),
        GssSampleToken.DATA | GssSampleToken.WRAPPED, new byte[] {7, 8, 9});

    assertThat(bytes.toByteArray()).containsExactly(36, 0, 0, 0, 3, 7, 8, 9);
  }

  @Test
  void readsWhatItWrote() throws IOException {
    GssSampleToken token = read(new byte[] {(byte) 0x91, 0, 0, 0, 2, 1, 2});

    assertThat(token.flags()).isEqualTo(0x91);
    assertThat(token.has(GssSampleToken.SEND_MIC)).isTrue();
    assertThat(token.has(GssSampleToken.NOOP)).isTrue();
    assertThat(token.has(GssSampleToken.WRAPPED)).isFalse();
    assertThat(token.body()).containsExactly(1, 2);
  }

  @Test
  void refusesALengthBeyondTheMaximumBeforeAllocating() {
    assertThatThrownBy(() -> read(new byte[] {4, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0}))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("token length 4294967040 outside 0..1048576");
  }

  @Test
  void refusesABodyShorterThanItsLength() {
    assertThatThrownBy(() -> read(new byte[] {4, 0, 0, 0, 5, 1, 2}))
        .isInstanceOf(EOFException.class);
  }

  private static GssSampleToken read(byte[] wire) throws IOException {
    return GssSampleToken.read(new DataInputStream(new ByteArrayInputStream(wire)));
  }
}
