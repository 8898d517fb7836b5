package dev.krb5gss.der;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The back-to-front DER writer gives byte for byte what {@link DerWriter} gives (X.690 §10). */
class DerBackWriterTest {

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 127, 128, 255, 256, 65_535, 65_536, 300_000})
  void lengthsOfEveryFormMatchDerWriter(int size) {
    byte[] value = new byte[size];
    new Random(size).nextBytes(value);
    DerBackWriter w = new DerBackWriter(8); // forces growth
    int seq = w.mark();
    int f = w.mark();
    w.octetString(value).wrap(0xa2, f);
    f = w.mark();
    w.integer(size).wrap(0xa0, f);
    w.wrap(DerReader.SEQUENCE, seq);
    byte[] expected = DerWriter.sequence(
        DerWriter.explicit(0, DerWriter.integer(size)),
        DerWriter.explicit(2, DerWriter.octetString(value)));
    assertThat(w.toByteArray()).isEqualTo(expected);
    assertThat(w.mark()).isEqualTo(expected.length);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 127, 128, -1, -128, -129, 255, 256, 0x7fffffffL, -0x80000000L,
      0xffffffffL, Long.MAX_VALUE, Long.MIN_VALUE})
  void integersMatchDerWriter(long v) {
    assertThat(new DerBackWriter(4).integer(v).toByteArray()).isEqualTo(DerWriter.integer(v));
  }

  @Test
  void timesStringsAndApplicationTagsMatchDerWriter() {
    Instant t = Instant.parse("2026-12-07T07:15:09.123Z");
    DerBackWriter w = new DerBackWriter(16);
    int app = w.mark();
    int f = w.mark();
    w.generalString("HTTP").wrap(0xa1, f);
    f = w.mark();
    w.kerberosTime(t).wrap(0xa0, f);
    w.wrap(DerReader.SEQUENCE, app).wrap(0x60 | 27, app);
    assertThat(w.toByteArray()).isEqualTo(DerWriter.application(27,
        DerWriter.explicit(0, DerWriter.kerberosTime(t)),
        DerWriter.explicit(1, DerWriter.generalString("HTTP"))));
  }

  @Test
  void aMarkAheadOfTheWrittenBytesIsRefused() {
    DerBackWriter w = new DerBackWriter(16);
    w.integer(1);
    assertThatThrownBy(() -> w.wrap(DerReader.SEQUENCE, 100))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ahead");
  }

  @Test
  void wipeZeroesTheBuffer() {
    DerBackWriter w = new DerBackWriter(16);
    w.octetString(new byte[] {1, 2, 3});
    byte[] before = w.toByteArray();
    w.wipe();
    assertThat(before).containsExactly(DerReader.OCTET_STRING, 3, 1, 2, 3);
    assertThat(w.toByteArray()).containsOnly(0);
  }
}
