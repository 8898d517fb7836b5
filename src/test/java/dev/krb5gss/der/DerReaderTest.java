package dev.krb5gss.der;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Strict DER (X.690 §10.1): definite minimal lengths, bounds, trailing bytes, OIDs (§8.19). */
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
}
