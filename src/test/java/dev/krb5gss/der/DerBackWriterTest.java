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

  /** X.690 §8.3: the shortest two's-complement contents (DerWriter.integer delegates here). */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
      "0, 020100", "1, 020101", "127, 02017f", "128, 02020080", "-1, 0201ff", "-128, 020180",
      "-129, 0202ff7f", "255, 020200ff", "256, 02020100", "2147483647, 02047fffffff",
      "-2147483648, 020480000000", "4294967295, 020500ffffffff",
      "9223372036854775807, 02087fffffffffffffff", "-9223372036854775808, 02088000000000000000"})
  void integersAreMinimal(long v, String hex) {
    assertThat(new DerBackWriter(4).integer(v).toByteArray()).isEqualTo(java.util.HexFormat.of().parseHex(hex));
    assertThat(DerWriter.integer(v)).isEqualTo(java.util.HexFormat.of().parseHex(hex));
  }

  @Test
  void overWritesHeadersIntoTheHeadroomInFrontOfExistingContent() {
    byte[] buf = new byte[8];
    buf[6] = 0x11;
    buf[7] = 0x22; // two bytes "already written", six of headroom
    DerBackWriter w = DerBackWriter.over(buf, 6);
    assertThat(w.mark()).isEqualTo(2);
    w.wrap(DerReader.OCTET_STRING, 0).wrap(0xa2, 0);
    assertThat(w.array()).isSameAs(buf);
    assertThat(w.start()).isEqualTo(2);
    assertThat(w.toByteArray()).containsExactly(0xa2, 0x04, 0x04, 0x02, 0x11, 0x22);
    w.wrap(DerReader.SEQUENCE, 0).wrap(DerReader.SEQUENCE, 0); // grows: 4 more bytes than room
    assertThat(w.toByteArray()).containsExactly(0x30, 0x08, 0x30, 0x06, 0xa2, 0x04, 0x04, 0x02,
        0x11, 0x22);
    assertThatThrownBy(() -> DerBackWriter.over(buf, 9)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void timesOctetStringsAndApplicationTagsMatchDerWriter() {
    Instant t = Instant.parse("2026-12-07T07:15:09.123Z");
    DerBackWriter w = new DerBackWriter(16);
    int app = w.mark();
    int f = w.mark();
    w.octetString(new byte[] {1, 2, 3}).wrap(0xa1, f);
    f = w.mark();
    w.kerberosTime(t).wrap(0xa0, f);
    w.wrap(DerReader.SEQUENCE, app).wrap(0x60 | 27, app);
    byte[] time = DerWriter.element(DerReader.GENERALIZED_TIME,
        "20261207071509Z".getBytes(java.nio.charset.StandardCharsets.US_ASCII)); // fraction dropped
    assertThat(w.toByteArray()).isEqualTo(DerWriter.application(27,
        DerWriter.explicit(0, time), DerWriter.explicit(1, DerWriter.octetString(new byte[] {1, 2, 3}))));
    assertThat(DerWriter.kerberosTime(t)).isEqualTo(time);
  }

  @Test
  void kerberosTimesAgreeWithJavaTimeFromYearZeroToNineThousandNineHundredNinetyNine() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    java.time.format.DateTimeFormatter format =
        java.time.format.DateTimeFormatter.ofPattern("uuuuMMddHHmmss'Z'");
    java.util.List<Long> seconds = new java.util.ArrayList<>(java.util.List.of(first, last, 0L,
        -1L, 951_782_400L /* 2000-02-29 */, 4_107_542_400L /* 2100-03-01 */,
        -2_203_891_200L /* 1900-02-28 */));
    for (int i = 0; i < 100_000; i++) {
      seconds.add(random.nextLong(first, last + 1));
    }
    for (long s : seconds) {
      Instant t = Instant.ofEpochSecond(s, random.nextInt(1_000_000_000));
      String expected = java.time.LocalDateTime.ofEpochSecond(s, 0, java.time.ZoneOffset.UTC)
          .format(format);
      byte[] der = new DerBackWriter(16).kerberosTime(t).toByteArray();
      assertThat(new String(der, 2, 15, java.nio.charset.StandardCharsets.US_ASCII))
          .as("%d", s).isEqualTo(expected);
    }
    assertThatThrownBy(() -> new DerBackWriter(16).kerberosTime(Instant.ofEpochSecond(first - 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("year -1");
  }

  @Test
  void reservedBytesAreFilledInPlaceAndCountAsWritten() {
    DerBackWriter w = new DerBackWriter(16);
    int m = w.mark();
    byte[] value = new byte[40]; // more than the capacity: the writer grows first
    java.util.Arrays.fill(value, (byte) 7);
    int at = w.reserve(value.length);
    System.arraycopy(value, 0, w.array(), at, value.length);
    w.wrap(DerReader.OCTET_STRING, m);
    assertThat(w.toByteArray()).isEqualTo(DerWriter.octetString(value));
  }

  @Test
  void yearsOutsideAKerberosTimeAndOverlongElementsAreRefused() {
    assertThatThrownBy(() -> new DerBackWriter(16).kerberosTime(Instant.parse("+10000-01-01T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("year 10000");
    DerBackWriter w = new DerBackWriter(16);
    w.raw(new byte[DerWriter.MAX_LENGTH + 1]);
    assertThatThrownBy(() -> w.wrap(DerReader.OCTET_STRING, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too large");
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
