package dev.krb5gss.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tickets the acceptor must refuse, each for its own reason (RFC 4120 §3.2.3 service key
 * selection): a service principal missing from the keytab, a key version the keytab no longer
 * matches, an enctype the keytab has no key for, and rc4-hmac (RFC 4757, deprecated by RFC 8429)
 * while rc4 is off. One keytab written by MIT's ktadd holds every principal; the acceptor is
 * unbound ({@code principal=*}). A control case with a good ticket proves the set-up accepts.
 */
@RequiresMitKrb5
class RejectionInteropTest {
  private static final String USER = "bob";
  private static final String PASSWORD = "bob-password";

  private static final String KEYTAB = "services.keytab";

  /** One keytab holds every principal; stale/localhost is rekeyed after its ktadd. */
  @RegisterExtension
  static final MitRealm REALM = MitRealm.user(USER, PASSWORD)
      .service("host/localhost", MitEnctypes.AES_SHA1)
      .ktadd(KEYTAB, MitEnctypes.AES_SHA1, "host/localhost")
      .service("missing/localhost", MitEnctypes.AES_SHA1)
      .service("stale/localhost", MitEnctypes.AES_SHA1)
      .ktadd(KEYTAB, MitEnctypes.AES_SHA1, "stale/localhost")
      .then(kdc -> kdc.rekey("stale/localhost", MitEnctypes.AES_SHA1))
      .service("enctype/localhost", MitEnctypes.AES_SHA1)
      .then(kdc -> kdc.keytabs().exportKeysExcept(kdc.file(KEYTAB), "enctype/localhost",
          "aes256-cts-hmac-sha1-96"))
      .service("rc4/localhost", MitEnctypes.RC4)
      .then(kdc -> kdc.keytabs().exportKeys(kdc.file(KEYTAB), "rc4/localhost"))
      .acceptorSubject(KEYTAB);

  /** One case: the service gss-client asks a ticket for and what each acceptor does. */
  record Case(String name, String service, Expected expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** The JDK's prefix for every failure below: GSS major FAILURE, no minor code. */
  private static final String JDK = "(major 11, minor -1): Failure unspecified at GSS-API level"
      + " (Mechanism level: ";

  /**
   * The JDK's message when it has no key for the ticket's principal or enctype. For a principal
   * missing from the keytab its unbound acceptor falls back to another principal's keys (here the
   * last in the keytab, rc4/localhost, whose only key is disabled), so the message names an
   * enctype, not the missing principal.
   */
  private static final String JDK_NO_KEY_OF_TYPE = JDK + "Invalid argument (400) - Cannot find key"
      + " of appropriate type to decrypt AP-REQ - AES256 CTS mode with HMAC SHA1-96)";

  static Stream<Case> cases() {
    return Stream.of(
        new Case("control: principal, kvno and enctype in the keytab", "host",
            Expected.acceptedByAll()),
        new Case("service principal missing from the keytab", "missing",
            Expected.of()
                .rejected(AcceptorUnderTest.JDK, JDK_NO_KEY_OF_TYPE)
                .rejected(AcceptorUnderTest.KRB5GSS, "SERVICE_NOT_IN_KEYTAB")),
        new Case("ticket kvno newer than the keytab (stale keytab)", "stale",
            Expected.of()
                // The JDK ignores the kvno, decrypts with the older key and fails its checksum.
                .rejected(AcceptorUnderTest.JDK, JDK + "Checksum failed)")
                .rejected(AcceptorUnderTest.KRB5GSS, "KVNO_MISMATCH")),
        new Case("ticket enctype missing from the keytab", "enctype",
            Expected.of()
                .rejected(AcceptorUnderTest.JDK, JDK_NO_KEY_OF_TYPE)
                .rejected(AcceptorUnderTest.KRB5GSS, "ENCTYPE_NOT_IN_KEYTAB")),
        new Case("rc4-hmac ticket while rc4 is off", "rc4",
            Expected.of()
                .rejected(AcceptorUnderTest.JDK,
                    JDK + "Encryption type RC4 with HMAC is not supported/enabled)")
                .rejected(AcceptorUnderTest.KRB5GSS, "ENCTYPE_NOT_PERMITTED")));
  }

  static Stream<Arguments> acceptorsAndCases() {
    return Arrays.stream(AcceptorUnderTest.values())
        .flatMap(acceptor -> cases().map(c -> Arguments.of(acceptor, c)));
  }

  @Test
  void theKeytabHoldsWhatEachCaseNeeds() throws Exception {
    MitKdc kdc = REALM.kdc();
    List<KeytabEntry> entries = kdc.keytabs().entries(REALM.keytab(KEYTAB));
    assertThat(entries).extracting(KeytabEntry::principal).containsOnly(
        kdc.qualify("host/localhost"), kdc.qualify("stale/localhost"),
        kdc.qualify("enctype/localhost"), kdc.qualify("rc4/localhost"));
    assertThat(entries).filteredOn(e -> e.principal().equals(kdc.qualify("stale/localhost")))
        .extracting(KeytabEntry::kvno).containsOnly(kdc.currentKvno("stale/localhost") - 1);
    assertThat(entries).filteredOn(e -> e.principal().equals(kdc.qualify("enctype/localhost")))
        .extracting(KeytabEntry::enctype).containsExactly("aes128-cts-hmac-sha1-96");
    assertThat(entries).filteredOn(e -> e.principal().equals(kdc.qualify("rc4/localhost")))
        .extracting(KeytabEntry::enctype).singleElement().asString()
        .endsWith("arcfour-hmac");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("acceptorsAndCases")
  void eachBadTicketIsRejectedForItsOwnReason(AcceptorUnderTest acceptor, Case c)
      throws Exception {
    assumeTrue(acceptor.available(), acceptor::unavailableReason);
    MitRealm.GssSampleRun run = REALM.gssClient(acceptor, GssClient.withOptions(), c.service(),
        "must not arrive unless accepted");

    c.expected().verify(acceptor, run.session());
    assertThat(run.client().succeeded()).as(run.client().describe())
        .isEqualTo(c.expected().accepts(acceptor));
  }
}
