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
