package dev.krb5gss.der;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Strict DER (X.690 §10.1): definite minimal lengths, bounds, trailing bytes, OIDs (§8.19),
 * minimal INTEGERs (§8.3), and the Kerberos types of RFC 4120 §5.2 (Int32, UInt32, KerberosTime).
 */
class DerReaderTest {
  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  @Test
  void krb5OidEncodesAsRfc1964Says() {
    ObjectId oid = ObjectId.of("1.2.840.113554.1.2.2");
    assertThat(oid.encoded()).isEqualTo(hex("06 09 2a 86 48 86 f7 12 01 02 02"));
  }

  @Test
  void oidRoundTrips() throws RejectedException {
    byte[] der = hex("06 0a 2b 06 01 04 01 82 37 02 02 0a");
    ObjectId oid = DerReader.of(der, "t").readOid();
    assertThat(oid.dotted()).isEqualTo("1.3.6.1.4.1.311.2.2.10");
    assertThat(oid.encoded()).isEqualTo(der);
  }

  @Test
  void anOidNamedInCodeIsReadAsThatInstanceAndOthersAreDecoded() throws RejectedException {
    ObjectId named = ObjectId.of("1.2.840.113554.1.2.2");
    ObjectId read = DerReader.of(hex("06 09 2a 86 48 86 f7 12 01 02 02"), "t").readOid();
    assertThat(read).isSameAs(ObjectId.of("1.2.840.113554.1.2.2")).isEqualTo(named);
    ObjectId other = DerReader.of(hex("06 09 2a 86 48 86 f7 12 01 02 03"), "t").readOid();
    assertThat(other.dotted()).isEqualTo("1.2.840.113554.1.2.3");
    assertThat(other).isNotEqualTo(named);
  }

  @Test
  void longFormLengthIsRead() throws RejectedException {
    byte[] content = new byte[200];
    byte[] der = DerWriter.octetString(content);
    assertThat(der[1] & 0xff).isEqualTo(0x81);
    assertThat(DerReader.of(der, "t").readOctetString()).hasSize(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "04 80 00 00",          // indefinite length (BER only)
      "04 81 05 0102030405",  // non-minimal long form
      "04 82 00 90",          // non-minimal two-octet length, and past the end
      "04 05 010203",         // length past the end
      "04",                   // no length
      "04 84 00 00 00 01 00", // four length octets
      "05 00",                // wrong tag
      "06 02 2a 86",          // truncated OID arc
      "06 03 2a 80 01",       // OID arc with a leading 0x80
      "06 00"                 // empty OID
  })
  void malformedElementsAreRejected(String input) {
    DerReader r = DerReader.of(hex(input), "t");
    assertThatThrownBy(() -> {
      if (hex(input)[0] == 6) {
        r.readOid();
      } else {
        r.readOctetString();
      }
    }).isInstanceOfSatisfying(RejectedException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_TOKEN));
  }

  @Test
  void trailingBytesAreRejected() throws RejectedException {
    DerReader r = DerReader.of(hex("04 01 00 ff"), "t");
    r.readOctetString();
    assertThatThrownBy(r::expectEnd).isInstanceOfSatisfying(RejectedException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_TOKEN));
  }

  @Test
  void innerLengthCannotReachPastItsParent() {
    // SEQUENCE of 3 bytes whose inner OCTET STRING claims 5
    DerReader r = DerReader.of(hex("30 03 04 05 00 00 00 00 00"), "t");
    assertThatThrownBy(() -> r.read(DerReader.SEQUENCE).readOctetString())
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_TOKEN));
  }

  @Test
  void enumeratedMustBeMinimal() {
    assertThatThrownBy(() -> DerReader.of(hex("0a 02 00 01"), "t").readEnumerated())
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_TOKEN));
  }

  @Test
  void multiOctetTagsAreRefused() {
    assertThatThrownBy(() -> DerReader.of(hex("1f 22 00"), "t").readAnyEncoded())
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_TOKEN))
        .hasMessageContaining("single-octet identifier");
  }

  @Test
  void kerberosIntegersKeepTheirRanges() throws RejectedException {
    assertThat(DerReader.of(DerWriter.integer(0xffffffffL), "u").readUInt32())
        .isEqualTo(0xffffffffL);
    // A negative UInt32 (old Windows/Heimdal encodings) is read as its 32 bits.
    assertThat(DerReader.of(DerWriter.integer(-5), "u").readUInt32()).isEqualTo(0xfffffffbL);
    assertThat(DerReader.of(DerWriter.integer(-1), "i").readInt32()).isEqualTo(-1);
    assertThatThrownBy(() -> DerReader.of(DerWriter.integer(0x100000000L), "u").readUInt32())
        .isInstanceOf(RejectedException.class).hasMessageContaining("UInt32");
    assertThatThrownBy(() -> DerReader.of(DerWriter.integer(0x80000000L), "i").readInt32())
        .isInstanceOf(RejectedException.class).hasMessageContaining("Int32");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "02 00",               // no content octets
      "02 02 00 05",         // redundant leading zero
      "02 02 ff 80",         // redundant leading 0xff
      "02 06 01 00 00 00 00 00" // more than five octets
  })
  void integersMustBeMinimalAndSmall(String input) {
    assertThatThrownBy(() -> DerReader.of(hex(input), "i").readInteger())
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_TOKEN));
  }

  @Test
  void integersRoundTripAtTheirEdges() throws RejectedException {
    for (long v : new long[] {0, 1, 127, 128, -128, -129, 255, 256, 0x7fffffffL, -0x80000000L,
        0xffffffffL}) {
      assertThat(DerReader.of(DerWriter.integer(v), "i").readInteger()).as("%d", v).isEqualTo(v);
    }
  }

  @Test
  void kerberosTimesRoundTrip() throws RejectedException {
    Instant t = Instant.parse("2026-11-26T12:34:56Z");
    byte[] enc = DerWriter.kerberosTime(t.plusMillis(999));
    assertThat(new String(enc, 2, 15, StandardCharsets.US_ASCII)).isEqualTo("20261126123456Z");
    assertThat(DerReader.of(enc, "t").readKerberosTime()).isEqualTo(t);
    assertThat(DerReader.of(DerWriter.kerberosTime(Instant.EPOCH), "t").readKerberosTime())
        .isEqualTo(Instant.EPOCH);
  }

  @ParameterizedTest
  @ValueSource(strings = {"20261126123456", "20261126123456.5Z", "20261399123456Z",
      "2026112612345xZ", "20260230123456Z", "20261126243456Z", "20261126126056Z"})
  void kerberosTimesMustBeYyyyMmDdHhMmSsZ(String bad) {
    byte[] enc = DerWriter.element(DerReader.GENERALIZED_TIME,
        bad.getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> DerReader.of(enc, "t").readKerberosTime())
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_TOKEN))
        .hasMessageContaining("KerberosTime");
  }

  @Test
  void flagBitStringsAreReadAsThirtyTwoBits() throws RejectedException {
    assertThat(DerReader.of(hex("03 05 00 40 81 00 00"), "f").readBits32()).isEqualTo(0x40810000);
    assertThat(DerReader.of(hex("03 02 00 80"), "f").readBits32()).isEqualTo(0x80000000);
    assertThatThrownBy(() -> DerReader.of(hex("03 06 00 00 00 00 00 00"), "f").readBits32())
        .isInstanceOf(RejectedException.class);
    assertThatThrownBy(() -> DerReader.of(hex("03 01 08"), "f").readBits32())
        .isInstanceOf(RejectedException.class);
  }

  @Test
  void lengthsAreWrittenMinimally() throws RejectedException {
    for (int n : new int[] {0, 127, 128, 255, 256, 65535, 65536}) {
      byte[] der = DerWriter.octetString(new byte[n]);
      int lengthOctets = n < 128 ? 1 : n < 256 ? 2 : n < 65536 ? 3 : 4;
      assertThat(der).as("%d", n).hasSize(1 + lengthOctets + n);
      assertThat(DerReader.of(der, "t").readOctetString()).hasSize(n);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"HTTP\nforged log line", "a\u001b[31mred", "tab\there", "del\u007f",
      "nel\u0085forged", "csi\u009b31m", "c1\u0080", "ls\u2028forged", "ps\u2029forged",
      "rlo\u202eevil", "lre\u202a", "lri\u2066x\u2069", "rlm\u200f", "alm\u061c"})
  void kerberosStringsWithControlCharactersAreMalformed(String name) {
    byte[] der = DerWriter.generalString(name);
    assertThatThrownBy(() -> DerReader.of(der, "name").readGeneralString())
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_TOKEN))
        .hasMessageContaining("control characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ff", "c0af", "eda080", "80", "e282"})
  void kerberosStringsThatAreNotUtf8AreMalformed(String hex) {
    byte[] der = DerWriter.element(DerReader.GENERAL_STRING,
        java.util.HexFormat.of().parseHex("41" + hex + "42"));
    assertThatThrownBy(() -> DerReader.of(der, "name").readGeneralString())
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_TOKEN))
        .hasMessageContaining("UTF-8");
  }

  @Test
  void kerberosStringsHaveABoundedLength() throws Exception {
    String ok = "a".repeat(DerReader.MAX_KERBEROS_STRING);
    assertThat(DerReader.of(DerWriter.generalString(ok), "name").readGeneralString()).isEqualTo(ok);
    byte[] der = DerWriter.generalString(ok + "a");
    assertThatThrownBy(() -> DerReader.of(der, "name").readGeneralString())
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_TOKEN))
        .hasMessageContaining("at most " + DerReader.MAX_KERBEROS_STRING);
  }

  @Test
  void kerberosStringsWithUtf8AreKept() throws Exception {
    byte[] der = DerWriter.generalString("jos\u00e9@EXAMPLE.COM");
    assertThat(DerReader.of(der, "name").readGeneralString()).isEqualTo("jos\u00e9@EXAMPLE.COM");
    byte[] cjk = DerWriter.generalString("\u5c71\u7530\ud83d\ude00");
    assertThat(DerReader.of(cjk, "name").readGeneralString()).isEqualTo("\u5c71\u7530\ud83d\ude00");
  }
}
