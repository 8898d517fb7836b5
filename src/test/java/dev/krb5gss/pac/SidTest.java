package dev.krb5gss.pac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.error.RejectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SIDs (MS-DTYP §2.4.2): string form (§2.4.2.1), binary form (§2.4.2.2), domain and RID. */
class SidTest {
  private static final String ALICE = "S-1-5-21-1004336348-1177238915-682003330-1104";

  @Test
  void parsesAndPrintsTheStringForm() {
    Sid sid = Sid.parse(ALICE);
    assertThat(sid.toString()).isEqualTo(ALICE);
    assertThat(sid.identifierAuthority()).isEqualTo(5);
    assertThat(sid.subAuthorityCount()).isEqualTo(5);
    assertThat(sid.subAuthority(1)).isEqualTo(1004336348L);
    assertThat(Sid.parse("s-1-5-21-4294967295-1-2-3").toString())
        .isEqualTo("S-1-5-21-4294967295-1-2-3");
  }

  @Test
  void domainRidAndWithRidAreInverse() {
    Sid sid = Sid.parse(ALICE);
    assertThat(sid.rid()).isEqualTo(1104);
    assertThat(sid.domain()).isEqualTo(Sid.parse("S-1-5-21-1004336348-1177238915-682003330"));
    assertThat(sid.domain().withRid(1104)).isEqualTo(sid);
    assertThat(sid.domain().withRid(Sid.DOMAIN_ADMINS).toString())
        .isEqualTo("S-1-5-21-1004336348-1177238915-682003330-512");
    assertThat(sid.isIn(sid.domain())).isTrue();
    assertThat(sid.isIn(sid)).isFalse();
    assertThat(Sid.parse("S-1-5-21-1-2-3-4294967295").rid()).isEqualTo(-1);
  }

  @Test
  void valueEquality() {
    assertThat(Sid.parse(ALICE)).isEqualTo(Sid.parse(ALICE)).hasSameHashCodeAs(Sid.parse(ALICE));
    assertThat(Sid.parse(ALICE)).isNotEqualTo(Sid.parse(ALICE + "-1"));
    assertThat(Sid.of(5, 32, 544)).isEqualTo(Sid.parse("S-1-5-32-544"));
  }

  @Test
  void theBinaryFormRoundTrips() throws RejectedException {
    Sid sid = Sid.parse(ALICE);
    byte[] b = sid.toBytes();
    assertThat(b).hasSize(8 + 4 * 5);
    assertThat(b[0]).isEqualTo((byte) 1);
    assertThat(b[7]).isEqualTo((byte) 5);
    assertThat(LeReader.of(b, 0, b.length, PacCheck.LOGON_INFO, "test").sid(b.length, "sid"))
        .isEqualTo(sid);
  }

  @Test
  void largeAuthoritiesPrintInHex() {
    Sid sid = Sid.of(0x123456789ABCL, 1);
    assertThat(sid.toString()).isEqualTo("S-1-0x123456789ABC-1");
    assertThat(Sid.parse(sid.toString())).isEqualTo(sid);
  }

  @Test
  void theWellKnownSidsAreRight() {
    assertThat(Sid.EVERYONE.toString()).isEqualTo("S-1-1-0");
    assertThat(Sid.AUTHENTICATION_AUTHORITY_ASSERTED.toString()).isEqualTo("S-1-18-1");
    assertThat(Sid.DOMAIN_USERS).isEqualTo(513);
    assertThat(Sid.DOMAIN_GUESTS).isEqualTo(514);
    assertThat(Sid.DOMAIN_COMPUTERS).isEqualTo(515);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "S", "S-1", "S-2-5-21", "X-1-5-21", "S-1-5-", "S-1-5-21--1",
      "S-1-5-21-4294967296", "S-1-5-a", "S-1-281474976710656", "S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16",
      "S-1-5-+1", "S-1-0x-1"})
  void rejectsMalformedText(String text) {
    assertThatThrownBy(() -> Sid.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected");
  }

  @Test
  void aSidWithoutSubAuthoritiesHasNoRid() {
    assertThatThrownBy(() -> Sid.of(5).rid()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no RID");
  }
}
