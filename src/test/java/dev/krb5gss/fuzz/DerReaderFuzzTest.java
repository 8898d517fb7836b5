package dev.krb5gss.fuzz;

import static dev.krb5gss.fuzz.FuzzSupport.check;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.krb5gss.der.DerReader;
import dev.krb5gss.error.RejectedException;

/**
 * {@link DerReader}, under every Kerberos, GSS and SPNEGO parser: a generic walk that descends
 * into constructed elements and reads each primitive with the reader the tag calls for (INTEGER,
 * BIT STRING flags, OID, KerberosString, KerberosTime, OCTET STRING, any other as raw).
 *
 * <p>Invariants: only {@link RejectedException}; allocation bounded by the input; a reader never
 * reports more remaining bytes than its parent had, and the walk consumes every byte it accepts.
 */
class DerReaderFuzzTest {
  private static final int MAX_DEPTH = 64;

  static {
    Warmup.run(() -> new DerReaderFuzzTest().derWalk(KerberosFixture.AP_REQ.apReq()));
  }

  @FuzzTest
  void derWalk(byte[] der) throws Exception {
    try {
      // 48 per input byte: every element (2 bytes at least) costs a child reader, and an
      // unknown one a copy of itself; fuzzing found 29.5 B/byte for 3 KB of "00 00" elements
      // (linear, so not a finding about the parser; the bound was 8).
      FuzzSupport.allocationBound(der.length, 48, 64 * 1024, () -> {
        DerReader r = DerReader.of(der, "fuzzed DER");
        walk(r, der.length, 0);
        r.expectEnd();
      });
    } catch (RejectedException e) {
      check(e.getMessage() != null && e.getMessage().contains("fuzzed DER: expected "),
          "a DER rejection that does not name the element: " + e.getMessage());
    }
  }

  private static void walk(DerReader r, int parentRemaining, int depth) throws RejectedException {
    check(r.remaining() <= parentRemaining, "a reader over " + r.remaining()
        + " bytes inside one of " + parentRemaining);
    while (r.hasMore()) {
      int tag = r.peekTag();
      if ((tag & 0x20) != 0 && depth < MAX_DEPTH) {
        int before = r.remaining();
        DerReader inner = r.read(tag);
        walk(inner, before, depth + 1);
        inner.expectEnd();
        continue;
      }
      switch (tag) {
        case DerReader.INTEGER -> r.readInteger();
        case DerReader.BIT_STRING -> r.readBits32();
        case DerReader.OID -> check(r.readOid().toString().length() > 0, "an empty OID");
        case DerReader.GENERAL_STRING -> {
          String s = r.readGeneralString();
          check(s.chars().noneMatch(c -> c < 0x20 || c == 0x7f),
              "a KerberosString with a control character passed");
        }
        case DerReader.GENERALIZED_TIME -> r.readKerberosTime();
        case DerReader.OCTET_STRING -> r.readOctetString();
        case DerReader.ENUMERATED -> r.readEnumerated();
        default -> r.readAnyEncoded();
      }
    }
  }
}
