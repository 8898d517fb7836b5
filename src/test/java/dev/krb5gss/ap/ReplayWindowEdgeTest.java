package dev.krb5gss.ap;

import static dev.krb5gss.ap.ApRejectionTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.error.Reason;
import dev.krb5gss.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * RFC 4120 §3.2.3: an authenticator must be remembered for as long as the skew check would admit
 * it again. The skew check admits ctime within [now - skew, now + skew] inclusive, so an entry must
 * live through ctime + skew inclusive.
 */
class ReplayWindowEdgeTest {
  private static final Duration SKEW = ApPolicy.DEFAULT_MAX_SKEW;
  private final ForgeFixture fx = ForgeFixture.aes256();

  @Test
  void anAuthenticatorAtTheFarEdgeOfTheSkewIsNotAcceptedTwice() throws Exception {
    Instant now = Instant.parse("2026-11-26T12:00:00Z");
    MutableClock clock = new MutableClock(now);
    ApAcceptor acceptor = fx.acceptor(fx.policy().clock(clock).build());
    byte[] token = fx.forge.apReq(fx.forge.ticket().client(ForgeFixture.CLIENT).build())
        .ctime(now.plus(SKEW)).cusec(0).build().gssToken();
    assertThat(acceptor.accept(token, null).client().toString()).isEqualTo(ForgeFixture.CLIENT);

    clock.advance(SKEW.multipliedBy(2)); // now == ctime + skew: the skew check still admits it
    assertRejected(() -> acceptor.accept(token, null), Reason.REPLAY, "replayed");
  }

  @Test
  void anAuthenticatorWithMicrosecondsIsRememberedThroughItsLastAdmittedInstant()
      throws Exception {
    Instant now = Instant.parse("2026-11-26T12:00:00Z");
    MutableClock clock = new MutableClock(now);
    ApAcceptor acceptor = fx.acceptor(fx.policy().clock(clock).build());
    Instant ctime = now.minus(SKEW).plusSeconds(30);
    byte[] token = fx.forge.apReq(fx.forge.ticket().client(ForgeFixture.CLIENT).build())
        .ctime(ctime).cusec(999_999).build().gssToken();
    acceptor.accept(token, null);

    clock.advance(Duration.ofSeconds(30).plusNanos(999_999_000)); // == ctime.cusec + skew
    assertRejected(() -> acceptor.accept(token, null), Reason.REPLAY, "replayed");
    clock.advance(Duration.ofNanos(1000)); // one microsecond later the skew check refuses it
    assertRejected(() -> acceptor.accept(token, null), Reason.CLOCK_SKEW, "behind");
  }
}
