package dev.krb5gss.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.Krb5GssProvider;
import dev.krb5gss.testkit.GssOids;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.TestKdc;
import java.security.Security;
import java.util.stream.Stream;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GSSName equality of Kerberos names (RFC 2743 §2.4.3 GSS_Compare_name, RFC 1964 §2.1.1): a name
 * given without a realm stands for that name in the default realm, so it is not equal to the
 * same name in another realm. The oracle is the JDK's own mechanism (SunJGSS) on the same
 * krb5.conf (the shared test KDC's, default realm {@value KdcExtension#REALM}).
 */
@ExtendWith(KdcExtension.class)
class NameEqualityAcrossRealmsTest {
  private static final Oid KRB5 = GssOids.KRB5;
  private static final Oid NT_KRB5 = GssOids.KRB5_PRINCIPAL_NAME;
  private static final String REALM = KdcExtension.REALM;

  @BeforeAll
  static void install() {
    Krb5GssProvider.install();
  }

  @AfterAll
  static void uninstall() {
    Krb5GssProvider.uninstall();
  }

  static Stream<Arguments> pairs() {
    return Stream.of(
        Arguments.of("administrator@CHILD.EXAMPLE.COM", NT_KRB5, "administrator",
            GSSName.NT_USER_NAME),
        Arguments.of("administrator@" + REALM, NT_KRB5, "administrator", GSSName.NT_USER_NAME),
        Arguments.of("administrator", NT_KRB5, "administrator", GSSName.NT_USER_NAME),
        Arguments.of("administrator@CHILD.EXAMPLE.COM", NT_KRB5, "administrator", NT_KRB5),
        Arguments.of("HTTP/localhost@" + REALM, NT_KRB5, "HTTP@localhost",
            GSSName.NT_HOSTBASED_SERVICE),
        Arguments.of("HTTP/localhost@OTHER.EXAMPLE", NT_KRB5, "HTTP@localhost",
            GSSName.NT_HOSTBASED_SERVICE),
        Arguments.of("bob@" + REALM, NT_KRB5, "bob@OTHER.EXAMPLE", NT_KRB5));
  }

  @ParameterizedTest(name = "{0} vs {2}")
  @MethodSource("pairs")
  void equalityAgreesWithTheJdkMechanism(String a, Oid typeA, String b, Oid typeB,
      TestKdc kdc) throws Exception {
    GSSManager jdk = GSSManager.getInstance();
    jdk.addProviderAtFront(Security.getProvider("SunJGSS"), KRB5);
    boolean expected = equal(jdk, a, typeA, b, typeB);

    GSSManager ours = GSSManager.getInstance();
    assertThat(equal(ours, a, typeA, b, typeB)).as("%s == %s (the JDK says %s)", a, b, expected)
        .isEqualTo(expected);
    assertThat(equal(ours, b, typeB, a, typeA)).as("symmetric").isEqualTo(expected);
    if (expected) {
      assertThat(ours.createName(a, typeA).canonicalize(KRB5).hashCode())
          .isEqualTo(ours.createName(b, typeB).canonicalize(KRB5).hashCode());
    }
  }

  private static boolean equal(GSSManager m, String a, Oid typeA, String b, Oid typeB)
      throws Exception {
    return m.createName(a, typeA).canonicalize(KRB5)
        .equals(m.createName(b, typeB).canonicalize(KRB5));
  }
}
