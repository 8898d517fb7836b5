package dev.krb5gss.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.ietf.jgss.GSSException;
import org.junit.jupiter.api.Test;

class ReasonTest {
  @Test
  void minorCodesRoundTripAndAreDistinct() {
    for (Reason r : Reason.values()) {
      assertThat(Reason.fromMinorCode(r.minorCode())).contains(r);
    }
    assertThat(Reason.fromMinorCode(7)).isEmpty();
  }

  /**
   * The minor and KRB-ERROR codes are a published interface: this table may only grow. A reason
   * added without a row here, or a changed number, fails.
   */
  @Test
  void codesArePinned() {
    Object[][] pinned = {
      {"MALFORMED_TOKEN", 0, 41}, {"TOKEN_TOO_LARGE", 1, 60}, {"UNSUPPORTED_MECHANISM", 2, 60},
      {"NTLM_OFFERED", 3, 60}, {"SERVICE_NOT_IN_KEYTAB", 4, 35}, {"SERVICE_NOT_ALLOWED", 5, 35},
      {"KVNO_MISMATCH", 6, 44}, {"ENCTYPE_NOT_IN_KEYTAB", 7, 45}, {"ENCTYPE_NOT_PERMITTED", 8, 14},
      {"TICKET_INTEGRITY", 9, 31}, {"AUTHENTICATOR_INTEGRITY", 10, 31}, {"CLIENT_MISMATCH", 11, 36},
      {"CLOCK_SKEW", 12, 37}, {"TICKET_EXPIRED", 13, 32}, {"TICKET_NOT_YET_VALID", 14, 33},
      {"REPLAY", 15, 34}, {"BAD_GSS_CHECKSUM", 16, 41}, {"CHANNEL_BINDING_MISMATCH", 17, 41},
      {"BAD_MIC", 18, 60}, {"DUPLICATE_TOKEN", 19, 60}, {"OLD_TOKEN", 20, 60},
      {"UNSEQ_TOKEN", 21, 60}, {"GAP_TOKEN", 22, 60}, {"CONTEXT_EXPIRED", 23, 60},
      {"NO_CONTEXT", 24, 60}, {"TOO_MANY_PENDING", 25, 60}, {"MECHLIST_MIC_FAILED", 26, 60},
      {"NO_CREDENTIALS", 27, 60}, {"UNSUPPORTED_OPERATION", 28, 60}, {"PENDING_EVICTED", 29, 60},
      {"PAC_INVALID", 30, 41}, {"PAC_REQUIRED", 31, 60}, {"REPLAY_CACHE_UNAVAILABLE", 32, 60},
      {"REPLAY_CACHE_FULL", 33, 60},
    };
    assertThat(Reason.values()).hasSize(pinned.length);
    for (Object[] row : pinned) {
      Reason r = Reason.valueOf((String) row[0]);
      assertThat(r.code()).as("%s code", r).isEqualTo(row[1]);
      assertThat(r.minorCode()).isEqualTo(Reason.MINOR_BASE + (int) row[1]);
      assertThat(r.krbErrorCode()).as("%s KRB-ERROR code", r).isEqualTo(row[2]);
    }
  }

  @Test
  void majorCodesFollowTheFailure() {
    assertThat(Reason.REPLAY.gssMajor()).isEqualTo(GSSException.DUPLICATE_TOKEN);
    assertThat(Reason.TICKET_EXPIRED.gssMajor()).isEqualTo(GSSException.CREDENTIALS_EXPIRED);
    assertThat(Reason.CONTEXT_EXPIRED.gssMajor()).isEqualTo(GSSException.CONTEXT_EXPIRED);
    assertThat(Reason.NTLM_OFFERED.gssMajor()).isEqualTo(GSSException.BAD_MECH);
  }

  @Test
  void rejectionKeepsItsReasonWhenAnErrorTokenIsAttached() {
    RejectedException e = new RejectedException(Reason.CLOCK_SKEW, "client clock is 7m ahead")
        .withErrorToken(new byte[] {1, 2});
    assertThat(e.reason()).isEqualTo(Reason.CLOCK_SKEW);
    assertThat(e.detail()).isEqualTo("client clock is 7m ahead");
    assertThat(e.getMessage()).startsWith("CLOCK_SKEW: ");
    assertThat(e.errorToken()).hasValueSatisfying(t -> assertThat(t).containsExactly(1, 2));
  }
}
