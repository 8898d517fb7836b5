package dev.krb5gss.fuzz;

import static dev.krb5gss.fuzz.FuzzSupport.check;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.krb5gss.config.Krb5Conf;
import dev.krb5gss.config.Krb5ConfException;
import java.nio.charset.StandardCharsets;

/**
 * The krb5.conf profile syntax (MIT krb5.conf(5): sections, relations, {@code {}} sub-sections,
 * {@code *} final markers, comments) through {@link Krb5Conf#parse}: the operator's file, read at
 * start-up and on every change.
 *
 * <p>Invariants: only {@link Krb5ConfException}; allocation bounded by the text; every value we
 * report is text from the file (no longer than it).
 */
class Krb5ConfFuzzTest {
  static {
    Warmup.run(() -> new Krb5ConfFuzzTest().krb5Conf("[libdefaults]\n default_realm = A.B\n".getBytes(StandardCharsets.UTF_8)));
  }

  @FuzzTest
  void krb5Conf(byte[] bytes) throws Exception {
    String text = new String(bytes, StandardCharsets.UTF_8);
    try {
      // Jazzer's regex hooks (on String.split) allocate ~2.4 KB per input byte in this thread;
      // without the agent the parser allocates ~13 bytes per input byte (measured).
      FuzzSupport.allocationBound(bytes.length, 4096, 64 * 1024, () -> {
        Krb5Conf conf = Krb5Conf.parse(text, "fuzzed krb5.conf");
        conf.defaultRealm().ifPresent(r -> check(r.length() <= text.length(), "realm too long"));
        conf.defaultKeytabName().ifPresent(
            k -> check(k.length() <= text.length(), "keytab name too long"));
        check(conf.enctypePolicy() != null, "no enctype policy");
        conf.libdefault("allow_weak_crypto");
      });
    } catch (Krb5ConfException e) {
      check(e.getMessage() != null && !e.getMessage().isEmpty(), "a rejection without a message");
    }
  }
}
