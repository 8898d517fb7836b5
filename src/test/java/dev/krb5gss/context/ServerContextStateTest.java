package dev.krb5gss.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.gss.MechOids;
import dev.krb5gss.spnego.NegState;
import dev.krb5gss.spnego.NegTokenResp;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** State transitions that need no Kerberos exchange: refusals, expiry, NTLM, terminal states. */
class ServerContextStateTest {
  private final MutableClock clock = MutableClock.startingNow();

  private Acceptor acceptor() throws RejectedException {
    return Acceptor.builder().keys(Tokens.randomKeys()).clock(clock).build();
  }

  private static void assertReason(ThrowingCall call, Reason reason) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(RejectedException.class,
        e -> assertThat(e.reason()).isEqualTo(reason));
  }

  interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void ntlmFirstOfferGetsAcceptIncompleteForKrb5() throws RejectedException {
    ServerContext ctx = acceptor().newContext();
    AcceptResult r = ctx.accept(Tokens.ntlmFirstThenKrb5());
    assertThat(r.status()).isEqualTo(AcceptStatus.CONTINUE_NEEDED);
    NegTokenResp resp = NegTokenResp.parse(r.outputToken());
    assertThat(resp.negState()).contains(NegState.ACCEPT_INCOMPLETE);
    assertThat(resp.supportedMech()).contains(MechOids.KRB5);
    assertThat(resp.responseToken()).isEmpty();
    assertThat(ctx.state()).isEqualTo(ContextState.AWAITING_NEXT_LEG);
    assertThat(ctx.legDeadline()).isEqualTo(clock.instant().plus(Duration.ofSeconds(30)));
  }

  @Test
  void rawNtlmsspFailsWithNtlmOffered() throws RejectedException {
    ServerContext ctx = acceptor().newContext();
    assertThatThrownBy(() -> ctx.accept(Tokens.NTLM_NEGOTIATE))
        .isInstanceOfSatisfying(RejectedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.NTLM_OFFERED);
          assertThat(e.getMessage()).contains("could not get a Kerberos ticket");
        });
    assertThat(ctx.state()).isEqualTo(ContextState.FAILED);
  }

  @Test
  void ntlmOnlySpnegoOfferGetsASpnegoReject() throws RejectedException {
    ServerContext ctx = acceptor().newContext();
    assertThatThrownBy(() -> ctx.accept(Tokens.offer(MechOids.NTLM)))
        .isInstanceOfSatisfying(RejectedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.NTLM_OFFERED);
          assertThat(e.errorToken()).hasValueSatisfying(t -> assertThat(t)
              .isEqualTo(NegTokenResp.reject()));
        });
  }

  @Test
  void legAfterTheDeadlineExpiresTheContext() throws RejectedException {
    ServerContext ctx = acceptor().newContext();
    ctx.accept(Tokens.ntlmFirstThenKrb5());
    clock.advance(Duration.ofSeconds(31));
    byte[] next = NegTokenResp.of(null, null, new byte[] {1, 0}, null).encode();
    assertReason(() -> ctx.accept(next), Reason.CONTEXT_EXPIRED);
    assertThat(ctx.state()).isEqualTo(ContextState.EXPIRED);
    assertReason(() -> ctx.accept(next), Reason.CONTEXT_EXPIRED);
    assertThat(ctx.state()).isEqualTo(ContextState.EXPIRED);
  }

  @Test
  void aContextOutsideAStoreTakesItsFirstTokenLate() throws RejectedException {
    ServerContext ctx = acceptor().newContext();
    clock.advance(Duration.ofMinutes(5));
    assertThat(ctx.accept(Tokens.ntlmFirstThenKrb5()).status())
        .isEqualTo(AcceptStatus.CONTINUE_NEEDED);
  }

  @Test
  void failedContextRefusesFurtherTokensAndStaysFailed() throws RejectedException {
    ServerContext ctx = acceptor().newContext();
    assertReason(() -> ctx.accept(HexFormat.of().parseHex("6003020100")), Reason.MALFORMED_TOKEN);
    assertThat(ctx.state()).isEqualTo(ContextState.FAILED);
    assertReason(() -> ctx.accept(Tokens.ntlmFirstThenKrb5()), Reason.NO_CONTEXT);
    ctx.dispose();
    assertThat(ctx.state()).isEqualTo(ContextState.FAILED);
  }

  @Test
  void disposedContextRefusesFurtherTokens() throws RejectedException {
    ServerContext ctx = acceptor().newContext();
    ctx.accept(Tokens.ntlmFirstThenKrb5());
    ctx.dispose();
    assertThat(ctx.state()).isEqualTo(ContextState.DISPOSED);
    assertReason(() -> ctx.accept(Tokens.ntlmFirstThenKrb5()), Reason.NO_CONTEXT);
    assertThat(ctx.state()).isEqualTo(ContextState.DISPOSED);
  }

  @Test
  void aBadSecondLegFailsTheNegotiation() throws RejectedException {
    ServerContext ctx = acceptor().newContext();
    ctx.accept(Tokens.ntlmFirstThenKrb5());
    assertReason(() -> ctx.accept(new byte[] {(byte) 0xa1, 0x05, 0x30}), Reason.MALFORMED_TOKEN);
    assertThat(ctx.state()).isEqualTo(ContextState.FAILED);
  }

  @Test
  void oversizedTokenIsRejected() throws RejectedException {
    ServerContext ctx = acceptor().newContext();
    assertReason(() -> ctx.accept(new byte[64 * 1024 + 1]), Reason.TOKEN_TOO_LARGE);
  }

  @Test
  void disabledMechanismIsRefused() throws RejectedException {
    Acceptor krb5Only = Acceptor.builder().keys(Tokens.randomKeys()).clock(clock)
        .mechanisms(Negotiated.KRB5).build();
    assertReason(() -> krb5Only.newContext().accept(Tokens.ntlmFirstThenKrb5()),
        Reason.UNSUPPORTED_MECHANISM);
  }

  @Test
  void noTransitionLeavesATerminalState() {
    for (ContextState s : ContextState.values()) {
      assertThat(s.isTerminal()).isEqualTo(s.successors().isEmpty());
    }
  }
}
