package dev.krb5gss.der;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecentStringsTest {
  private static String read(String s) throws Exception {
    return DerReader.of(DerWriter.generalString(s), "name").readGeneralString();
  }

  @Test
  void aRepeatedNameIsTheSameString() throws Exception {
    String first = read("EXAMPLE.TEST");
    assertThat(read("EXAMPLE.TEST")).isEqualTo("EXAMPLE.TEST").isSameAs(first);
  }

  @Test
  void everyLookupReturnsExactlyItsBytesWhateverTheTableHolds() throws Exception {
    // Far more distinct names than slots: every slot is replaced many times over, and names of
    // equal length that differ in one byte meet in the table; each read must still be its own.
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 5_000; i++) {
      String name = "user" + i + "@R" + (i % 7);
      assertThat(read(name)).isEqualTo(name);
      seen.add(name);
    }
    assertThat(seen).hasSize(5_000);
    for (int i = 0; i < 300; i++) {
      byte[] b = "abcdefgh".getBytes(StandardCharsets.US_ASCII);
      b[i % 8] = (byte) ('A' + i % 26);
      String expected = new String(b, StandardCharsets.US_ASCII);
      assertThat(RecentStrings.ascii(b, 0, b.length)).isEqualTo(expected);
    }
  }

  @Test
  void readsWithinALargerArrayAndLongNamesAreNotKept() throws Exception {
    byte[] b = "xxHTTPyy".getBytes(StandardCharsets.US_ASCII);
    assertThat(RecentStrings.ascii(b, 2, 4)).isEqualTo("HTTP");
    String longName = "a".repeat(RecentStrings.MAX_LENGTH + 1);
    String once = read(longName);
    assertThat(read(longName)).isEqualTo(longName).isNotSameAs(once);
  }
}
