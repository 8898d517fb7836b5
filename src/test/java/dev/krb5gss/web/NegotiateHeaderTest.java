package dev.krb5gss.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import org.junit.jupiter.api.Test;

/** RFC 4559 §4 header values; scheme names are case-insensitive (RFC 7235 §2.1). */
class NegotiateHeaderTest {
  private static final int MAX = 1024;

  @Test
  void aNegotiateValueYieldsItsDecodedToken() throws Exception {
    assertThat(NegotiateHeader.parse("Negotiate YGEC", MAX)).hasValueSatisfying(
        t -> assertThat(t).containsExactly(0x60, 0x61, 0x02));
    assertThat(NegotiateHeader.parse("  negotiate   YGEC  ", MAX)).isPresent();
  }

  @Test
  void noValueOrAnotherSchemeYieldsNothing() throws Exception {
    assertThat(NegotiateHeader.parse(null, MAX)).isEmpty();
    assertThat(NegotiateHeader.parse("Basic YWxpY2U6cHc=", MAX)).isEmpty();
    assertThat(NegotiateHeader.parse("NTLM TlRMTVNTUAAB", MAX)).isEmpty();
    assertThat(NegotiateHeader.parse("NegotiateX YGEC", MAX)).isEmpty();
  }

  @Test
  void theSchemeWithoutATokenIsMalformed() {
    assertThatThrownBy(() -> NegotiateHeader.parse("Negotiate", MAX))
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_TOKEN));
    assertThatThrownBy(() -> NegotiateHeader.parse("Negotiate   ", MAX))
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_TOKEN));
  }

  @Test
  void invalidBase64IsMalformedAndTheMessageDoesNotEchoIt() {
    assertThatThrownBy(() -> NegotiateHeader.parse("Negotiate YG*C$secret", MAX))
        .isInstanceOfSatisfying(RejectedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.MALFORMED_TOKEN);
          assertThat(e.getMessage()).doesNotContain("secret");
        });
  }

  @Test
  void aTokenPastTheMaximumIsRefusedBeforeDecoding() {
    String big = "Negotiate " + "A".repeat(4 * ((MAX + 2) / 3) + 4);
    assertThatThrownBy(() -> NegotiateHeader.parse(big, MAX))
        .isInstanceOfSatisfying(RejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TOKEN_TOO_LARGE));
  }

  @Test
  void aChallengeCarriesTheTokenWhenThereIsOne() {
    assertThat(NegotiateHeader.challenge(new byte[0])).isEqualTo("Negotiate");
    assertThat(NegotiateHeader.challenge(null)).isEqualTo("Negotiate");
    assertThat(NegotiateHeader.challenge(new byte[] {0x60, 0x61, 0x02})).isEqualTo("Negotiate YGEC");
  }

  @Test
  void retryableFailuresAre401AndHopelessOnes403() {
    assertThat(FailureStatus.of(Reason.REPLAY)).isEqualTo(401);
    assertThat(FailureStatus.of(Reason.NTLM_OFFERED)).isEqualTo(401);
    assertThat(FailureStatus.of(Reason.CONTEXT_EXPIRED)).isEqualTo(401);
    assertThat(FailureStatus.of(Reason.TICKET_EXPIRED)).isEqualTo(401);
    assertThat(FailureStatus.of(Reason.SERVICE_NOT_IN_KEYTAB)).isEqualTo(403);
    assertThat(FailureStatus.of(Reason.CHANNEL_BINDING_MISMATCH)).isEqualTo(403);
    assertThat(FailureStatus.of(Reason.ENCTYPE_NOT_PERMITTED)).isEqualTo(403);
    assertThat(FailureStatus.of(Reason.PAC_INVALID)).isEqualTo(403);
    assertThat(FailureStatus.of(Reason.PAC_REQUIRED)).isEqualTo(403);
  }

  @Test
  void anUnavailableSharedReplayCacheIs503() {
    assertThat(FailureStatus.of(Reason.REPLAY_CACHE_UNAVAILABLE)).isEqualTo(503);
  }
}
