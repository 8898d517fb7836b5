package dev.krb5gss.pac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.error.RejectedException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** UTF-16LE names in a PAC (MS-PAC §2.7 and §2.5): the printable-ASCII path and the decoder. */
class LeReaderTest {

  private static String name(byte[] b) throws RejectedException {
    return LeReader.of(b, 0, b.length, PacCheck.CLIENT_INFO, "test").name(b.length, "Name");
  }

  @ParameterizedTest
  @ValueSource(strings = {"alice", "Administrator", "WIN-2K19$", "a b~", "élan", "名前", "x\u00a0y",
      "\uD83D\uDE00smile", "~"})
  void namesDecodeAsTheUtf16DecoderDoes(String s) throws RejectedException {
    assertThat(name(s.getBytes(StandardCharsets.UTF_16LE))).isEqualTo(s);
  }

  @Test
  void theEmptyNameIsEmpty() throws RejectedException {
    assertThat(name(new byte[0])).isEmpty();
  }

  @Test
  void controlCharactersAreRefusedOnEitherPath() {
    assertThatThrownBy(() -> name("al\u0000ice".getBytes(StandardCharsets.UTF_16LE)))
        .isInstanceOf(RejectedException.class).hasMessageContaining("no control characters");
    assertThatThrownBy(() -> name("al\u007fice".getBytes(StandardCharsets.UTF_16LE)))
        .isInstanceOf(RejectedException.class).hasMessageContaining("no control characters");
    assertThatThrownBy(() -> name("é\nx".getBytes(StandardCharsets.UTF_16LE)))
        .isInstanceOf(RejectedException.class).hasMessageContaining("no control characters");
  }

  @Test
  void anUnpairedSurrogateIsRefused() {
    byte[] b = {0x41, 0x00, 0x00, (byte) 0xd8};
    assertThatThrownBy(() -> name(b))
        .isInstanceOf(RejectedException.class).hasMessageContaining("unpaired surrogate");
  }

  @Test
  void theReaderMovesPastTheNameOnEitherPath() throws RejectedException {
    byte[] two = "ab".getBytes(StandardCharsets.UTF_16LE);
    byte[] b = new byte[two.length + 4];
    System.arraycopy(two, 0, b, 0, two.length);
    b[two.length] = 7;
    LeReader r = LeReader.of(b, 0, b.length, PacCheck.CLIENT_INFO, "test");
    assertThat(r.name(two.length, "Name")).isEqualTo("ab");
    assertThat(r.u32()).isEqualTo(7);
  }
}
