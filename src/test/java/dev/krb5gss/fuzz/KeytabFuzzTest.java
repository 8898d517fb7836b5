package dev.krb5gss.fuzz;

import static dev.krb5gss.fuzz.FuzzSupport.check;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.krb5gss.keytab.KeytabFormatException;
import dev.krb5gss.keytab.KeytabParser;
import dev.krb5gss.keytab.ServiceKey;
import dev.krb5gss.keytab.ServiceKeyTable;
import java.util.List;

/**
 * MIT's keytab format (versions 0x0502 and 0x0501) through {@link KeytabParser}: the file is
 * the operator's, but a keytab fetched or mounted from elsewhere should not crash the acceptor.
 *
 * <p>Invariants: only {@link KeytabFormatException}; allocation bounded by the file size; at
 * most one key per 13 bytes (the smallest record: size, count, realm, one component, kvno, type,
 * key length); every key's length fits in the file; the keys build a {@link ServiceKeyTable}.
 * Kerby's keytab reader is not used as an oracle: it drops enctypes it does not know (19, 20)
 * and reads the 8-bit kvno only, so it disagrees on valid MIT keytabs by design.
 */
class KeytabFuzzTest {
  static {
    Warmup.run(() -> new KeytabFuzzTest().keytab(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(
        "src/test/resources/keytabs/mit-ktutil.keytab"))));
  }

  @FuzzTest
  void keytab(byte[] file) throws Exception {
    try {
      // 48 per input byte: an entry of 13 bytes or more yields a key, a principal with its
      // strings and its table slots. Linear (10-12 B/byte measured for 5-80 KB of small entries),
      // but fuzzing found 33 B/byte under Jazzer's instrumentation, over the former bound of 16.
      FuzzSupport.allocationBound(file.length, 48, 64 * 1024, () -> {
        List<ServiceKey> keys = KeytabParser.parse(file);
        check(keys.size() <= file.length / 13, keys.size() + " keys from " + file.length
            + " bytes");
        for (ServiceKey k : keys) {
          check(k.secret().length() <= file.length, "a key longer than the file");
          check(k.principal().toString() != null, "no principal");
        }
        ServiceKeyTable.of(keys);
      });
    } catch (KeytabFormatException e) {
      check(e.getMessage() != null && !e.getMessage().isEmpty(), "a rejection without a message");
    }
  }
}
