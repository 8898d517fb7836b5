package dev.krb5gss.context;

import dev.krb5gss.testkit.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.ap.ContextFlag;
import dev.krb5gss.der.ObjectId;
import dev.krb5gss.error.Reason;
import dev.krb5gss.error.RejectedException;
import dev.krb5gss.gss.GssFraming;
import dev.krb5gss.gss.MechOids;
import dev.krb5gss.name.PrincipalName;
import dev.krb5gss.spnego.NegState;
import dev.krb5gss.spnego.NegTokenInit;
import dev.krb5gss.spnego.NegTokenResp;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import dev.krb5gss.token.MessageProtection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.ietf.jgss.MessageProp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real negotiations: tickets from the test KDC, tokens from the JDK's krb5 and SPNEGO initiators,
 * SPNEGO wrappers built by hand where the JDK would not send them (NTLM listed first, tampered
 * lists), accepted by an {@link Acceptor} built from the service's keytab.
 */
@ExtendWith(KdcExtension.class)
class AcceptorKdcTest {
  private static final List<ObjectId> NTLM_FIRST = List.of(MechOids.NTLM, MechOids.KRB5);
  private static KdcFixture kdc;

  @BeforeAll
  static void realm(KdcPrincipals names) throws Exception {
    kdc = new KdcFixture(names, "HTTP");
  }

  private final MutableClock clock = MutableClock.startingNow();

  private Acceptor acceptor() throws RejectedException {
    return kdc.acceptor().clock(clock).build();
  }

  private static void assertReason(Throwable t, Reason reason) {
    assertThat(t).isInstanceOfSatisfying(RejectedException.class,
        e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @Test
  void jdkKrb5InitiatorCompletesInOneLeg() throws Exception {
    ServerContext ctx = acceptor().newContext();
    try (JdkInitiator init = kdc.krb5(true)) {
      AcceptResult r = ctx.accept(init.firstToken());

      assertThat(r.status()).isEqualTo(AcceptStatus.COMPLETE);
      assertThat(ctx.state()).isEqualTo(ContextState.ESTABLISHED);
      assertThat(ctx.mechanism()).isEqualTo(Negotiated.KRB5);
      assertThat(ctx.established().client()).isEqualTo(PrincipalName.parse(kdc.user, ""));
      // The AP-REP: a new array on each call, which a caller may change without effect.
      byte[] first = r.outputToken();
      byte[] again = r.outputToken();
      assertThat(first).isNotSameAs(again).isEqualTo(again)
          .isEqualTo(ctx.established().outputToken());
      assertThat(r.hasOutputToken()).isTrue();
      assertThat(r.toString()).contains(first.length + "-byte output token");
      java.util.Arrays.fill(first, (byte) 0);
      assertThat(r.outputToken()).isEqualTo(again);
      assertThat(init.complete(r.outputToken())).isNull();
      assertThat(init.isEstablished()).isTrue();
      assertJdkTalksToOurProtection(init, ctx.protection());
    }
  }

  @Test
  void jdkSpnegoInitiatorCompletes() throws Exception {
    ServerContext ctx = acceptor().newContext();
    try (JdkInitiator init = kdc.spnego()) {
      AcceptResult r = ctx.accept(init.firstToken());

      assertThat(r.status()).isEqualTo(AcceptStatus.COMPLETE);
      assertThat(ctx.mechanism()).isEqualTo(Negotiated.SPNEGO);
      assertThat(ctx.established().client()).isEqualTo(PrincipalName.parse(kdc.user, ""));
      NegTokenResp resp = NegTokenResp.parse(r.outputToken());
      assertThat(resp.negState()).contains(NegState.ACCEPT_COMPLETED);
      assertThat(resp.supportedMech()).contains(MechOids.KRB5);
      assertThat(init.complete(r.outputToken())).isNull();
      assertThat(init.isEstablished()).isTrue();
      assertJdkTalksToOurProtection(init, ctx.protection());
    }
  }

  @Test
  void ntlmFirstThenKrb5CompletesOnTheSecondLeg() throws Exception {
    ServerContext ctx = acceptor().newContext();
    AcceptResult first = ctx.accept(Tokens.ntlmFirstThenKrb5());
    assertThat(first.status()).isEqualTo(AcceptStatus.CONTINUE_NEEDED);
    NegTokenResp incomplete = NegTokenResp.parse(first.outputToken());
    assertThat(incomplete.negState()).contains(NegState.ACCEPT_INCOMPLETE);
    assertThat(incomplete.supportedMech()).contains(MechOids.KRB5);

    try (JdkInitiator init = kdc.krb5(false)) {
      byte[] mic = KdcFixture.clientMic(init, NTLM_FIRST);
      AcceptResult second = ctx.accept(KdcFixture.mechLeg(init.firstToken(), mic));

      assertThat(second.status()).isEqualTo(AcceptStatus.COMPLETE);
      assertThat(ctx.state()).isEqualTo(ContextState.ESTABLISHED);
      assertThat(ctx.established().client()).isEqualTo(PrincipalName.parse(kdc.user, ""));
      NegTokenResp done = NegTokenResp.parse(second.outputToken());
      assertThat(done.negState()).contains(NegState.ACCEPT_COMPLETED);
      assertThat(done.supportedMech()).isEmpty();
      KdcFixture.verifyAcceptorMic(init, NTLM_FIRST, done.mechListMic().orElseThrow());
    }
  }

  @Test
  void ntlmFirstWithMutualAuthTakesAThirdLegForTheClientsMic() throws Exception {
    ServerContext ctx = acceptor().newContext();
    ctx.accept(Tokens.ntlmFirstThenKrb5());
    try (JdkInitiator init = kdc.krb5(true)) {
      AcceptResult second = ctx.accept(KdcFixture.mechLeg(init.firstToken(), null));
      assertThat(second.status()).isEqualTo(AcceptStatus.COMPLETE_AND_CONTINUE);
      assertThat(ctx.state()).isEqualTo(ContextState.AWAITING_NEXT_LEG);
      NegTokenResp resp = NegTokenResp.parse(second.outputToken());
      assertThat(resp.negState()).contains(NegState.ACCEPT_INCOMPLETE);
      assertThat(init.complete(resp.responseToken().orElseThrow())).isNull();
      assertThat(init.isEstablished()).isTrue();
      KdcFixture.verifyAcceptorMic(init, NTLM_FIRST, resp.mechListMic().orElseThrow());

      byte[] mic = KdcFixture.clientMic(init, NTLM_FIRST);
      AcceptResult third = ctx.accept(NegTokenResp.of(null, null, null, mic).encode());
      assertThat(third.status()).isEqualTo(AcceptStatus.COMPLETE);
      assertThat(third.hasOutputToken()).isFalse();
      assertThat(ctx.state()).isEqualTo(ContextState.ESTABLISHED);
      assertJdkTalksToOurProtection(init, ctx.protection());
    }
  }

  @Test
  void secondLegAfterTheDeadlineIsContextExpired() throws Exception {
    ServerContext ctx = acceptor().newContext();
    ctx.accept(Tokens.ntlmFirstThenKrb5());
    try (JdkInitiator init = kdc.krb5(false)) {
      byte[] leg = KdcFixture.mechLeg(init.firstToken(), KdcFixture.clientMic(init, NTLM_FIRST));
      clock.advance(Duration.ofSeconds(30).plusMillis(1));

      assertThatThrownBy(() -> ctx.accept(leg)).satisfies(t -> assertReason(t,
          Reason.CONTEXT_EXPIRED));
      assertThat(ctx.state()).isEqualTo(ContextState.EXPIRED);
      assertThatThrownBy(ctx::established).satisfies(t -> assertReason(t, Reason.CONTEXT_EXPIRED));
    }
  }

  @Test
  void secondLegJustInTimeCompletes() throws Exception {
    ServerContext ctx = acceptor().newContext();
    ctx.accept(Tokens.ntlmFirstThenKrb5());
    try (JdkInitiator init = kdc.krb5(false)) {
      byte[] leg = KdcFixture.mechLeg(init.firstToken(), KdcFixture.clientMic(init, NTLM_FIRST));
      clock.advance(Duration.ofSeconds(30));
      assertThat(ctx.accept(leg).status()).isEqualTo(AcceptStatus.COMPLETE);
    }
  }

  @Test
  void tamperedMechListFailsTheMic() throws Exception {
    // The client offered krb5 first; an attacker reordered the list to make NTLM look preferred.
    List<ObjectId> sent = List.of(MechOids.KRB5, MechOids.NTLM);
    ServerContext ctx = acceptor().newContext();
    ctx.accept(NegTokenInit.encode(NTLM_FIRST, Tokens.NTLM_NEGOTIATE, null));
    try (JdkInitiator init = kdc.krb5(false)) {
      byte[] mic = KdcFixture.clientMic(init, sent);
      assertThatThrownBy(() -> ctx.accept(KdcFixture.mechLeg(init.firstToken(), mic)))
          .isInstanceOfSatisfying(RejectedException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.MECHLIST_MIC_FAILED);
            assertThat(KdcFixture.resp(e.errorToken().orElseThrow()).negState())
                .contains(NegState.REJECT);
          });
      assertThat(ctx.state()).isEqualTo(ContextState.FAILED);
    }
  }

  @Test
  void missingRequiredMicFailsTheNegotiation() throws Exception {
    ServerContext ctx = acceptor().newContext();
    ctx.accept(Tokens.ntlmFirstThenKrb5());
    try (JdkInitiator init = kdc.krb5(false)) {
      assertThatThrownBy(() -> ctx.accept(KdcFixture.mechLeg(init.firstToken(), null)))
          .satisfies(t -> assertReason(t, Reason.MECHLIST_MIC_FAILED));
    }
  }

  @Test
  void aFullStoreStillAcceptsOneLegClientsWhileAnInFlightNegotiationCompletes() throws Exception {
    PendingContextStore store = kdc.acceptor().clock(clock).maxPending(1).maxPendingPerKey(1)
        .build().pendingContexts();
    store.begin("conn-1", "10.0.0.1").accept(Tokens.ntlmFirstThenKrb5());

    // the same client, at its cap, in a full store: a one-leg negotiation needs no slot
    try (JdkInitiator oneLeg = kdc.spnego()) {
      ServerContext ctx = store.begin("conn-2", "10.0.0.1");
      assertThat(ctx.accept(oneLeg.firstToken()).status()).isEqualTo(AcceptStatus.COMPLETE);
      assertThat(ctx.established().client()).isEqualTo(PrincipalName.parse(kdc.user, ""));
    }
    assertThat(store.refusedCount()).isZero();
    assertThat(store.evictedCount()).isZero();

    try (JdkInitiator init = kdc.krb5(false)) {
      ServerContext inFlight = store.resume("conn-1").orElseThrow();
      byte[] leg = KdcFixture.mechLeg(init.firstToken(), KdcFixture.clientMic(init, NTLM_FIRST));
      assertThat(inFlight.accept(leg).status()).isEqualTo(AcceptStatus.COMPLETE);
      assertThat(inFlight.established().client()).isEqualTo(PrincipalName.parse(kdc.user, ""));
    }
    assertThat(store.pendingCount()).isZero();
    assertThat(store.resume("conn-1").status()).isEqualTo(PendingLookup.Status.ABSENT);
  }

  @Test
  void aNegotiationEvictedAfterTheKerberosLegGetsPendingEvictedForItsMic() throws Exception {
    PendingContextStore store = kdc.acceptor().clock(clock).maxPending(1).maxPendingPerKey(1)
        .build().pendingContexts();
    try (JdkInitiator init = kdc.krb5(true)) {
      ServerContext ctx = store.begin("conn-1", "10.0.0.1");
      ctx.accept(Tokens.ntlmFirstThenKrb5());
      ServerContext resumed = store.resume("conn-1").orElseThrow();
      AcceptResult second = resumed.accept(KdcFixture.mechLeg(init.firstToken(), null));
      assertThat(second.status()).isEqualTo(AcceptStatus.COMPLETE_AND_CONTINUE);
      assertThat(store.pendingCount()).isEqualTo(1);

      store.begin("conn-2", "10.6.6.6").accept(Tokens.ntlmFirstThenKrb5());

      assertThat(store.evictedCount()).isEqualTo(1);
      assertThat(ctx.state()).isEqualTo(ContextState.DISPOSED);
      assertThatThrownBy(() -> store.resume("conn-1").orElseThrow())
          .satisfies(t -> assertReason(t, Reason.PENDING_EVICTED));
    }
  }

  @Test
  void aNegotiationPastItsKerberosLegOutlivesAFloodOfUnauthenticatedOnes() throws Exception {
    PendingContextStore store = kdc.acceptor().clock(clock).maxPending(3).maxPendingPerKey(1)
        .build().pendingContexts();
    try (JdkInitiator init = kdc.krb5(true)) {
      store.begin("conn-1", "10.0.0.1").accept(Tokens.ntlmFirstThenKrb5());
      ServerContext ctx = store.resume("conn-1").orElseThrow();
      AcceptResult second = ctx.accept(KdcFixture.mechLeg(init.firstToken(), null));
      assertThat(second.status()).isEqualTo(AcceptStatus.COMPLETE_AND_CONTINUE);
      NegTokenResp resp = NegTokenResp.parse(second.outputToken());
      assertThat(init.complete(resp.responseToken().orElseThrow())).isNull();

      // the oldest entry overall, yet it proved a valid ticket: the flood evicts its own kind
      for (int i = 0; i < 100; i++) {
        store.begin("flood-" + i, "10.6." + (i / 250) + "." + (i % 250))
            .accept(Tokens.ntlmFirstThenKrb5());
      }

      assertThat(store.evictedCount()).isEqualTo(98);
      ServerContext resumed = store.resume("conn-1").orElseThrow();
      AcceptResult third = resumed.accept(
          NegTokenResp.of(null, null, null, KdcFixture.clientMic(init, NTLM_FIRST)).encode());
      assertThat(third.status()).isEqualTo(AcceptStatus.COMPLETE);
      assertThat(resumed.established().client()).isEqualTo(PrincipalName.parse(kdc.user, ""));
    }
  }

  @Test
  void establishedContextRefusesAnotherTokenAndStaysEstablished() throws Exception {
    ServerContext ctx = acceptor().newContext();
    try (JdkInitiator init = kdc.krb5(true); JdkInitiator other = kdc.krb5(true)) {
      ctx.accept(init.firstToken());
      assertThatThrownBy(() -> ctx.accept(other.firstToken()))
          .satisfies(t -> assertReason(t, Reason.NO_CONTEXT));
      assertThat(ctx.state()).isEqualTo(ContextState.ESTABLISHED);
      ctx.dispose();
      assertThat(ctx.state()).isEqualTo(ContextState.DISPOSED);
      assertThatThrownBy(() -> ctx.accept(other.firstToken()))
          .satisfies(t -> assertReason(t, Reason.NO_CONTEXT));
      assertThatThrownBy(ctx::protection).satisfies(t -> assertReason(t, Reason.NO_CONTEXT));
    }
  }

  @Test
  void rawInnerAndMicrosoftOidTokensAreAccepted() throws Exception {
    Acceptor acceptor = acceptor();
    try (JdkInitiator a = kdc.krb5(false); JdkInitiator b = kdc.krb5(false)) {
      ServerContext inner = acceptor.newContext();
      assertThat(inner.accept(KdcFixture.inner(a.firstToken())).status())
          .isEqualTo(AcceptStatus.COMPLETE);
      assertThat(inner.mechanism()).isEqualTo(Negotiated.KRB5);

      ServerContext ms = acceptor.newContext();
      byte[] msFramed = GssFraming.frame(MechOids.MS_KRB5, KdcFixture.inner(b.firstToken()));
      assertThat(ms.accept(msFramed).status()).isEqualTo(AcceptStatus.COMPLETE);
      assertThat(ms.mechanism()).isEqualTo(Negotiated.MS_KRB5);
    }
  }

  @Test
  void windowsStyleOfferWithMicrosoftOidFirstIsOneLeg() throws Exception {
    List<ObjectId> windows = List.of(MechOids.MS_KRB5, MechOids.KRB5, MechOids.NEGOEX,
        MechOids.NTLM);
    ServerContext ctx = acceptor().newContext();
    try (JdkInitiator init = kdc.krb5(true)) {
      byte[] msToken = GssFraming.frame(MechOids.MS_KRB5, KdcFixture.inner(init.firstToken()));
      AcceptResult r = ctx.accept(NegTokenInit.encode(windows, msToken, null));
      assertThat(r.status()).isEqualTo(AcceptStatus.COMPLETE);
      NegTokenResp resp = NegTokenResp.parse(r.outputToken());
      assertThat(resp.supportedMech()).contains(MechOids.MS_KRB5);
      assertThat(resp.mechListMic()).isEmpty();
    }
  }

  @Test
  void optimisticTokenWithAnUnsolicitedClientMicGetsOurs() throws Exception {
    List<ObjectId> offer = List.of(MechOids.KRB5, MechOids.NTLM);
    ServerContext ctx = acceptor().newContext();
    try (JdkInitiator init = kdc.krb5(false)) {
      byte[] mic = KdcFixture.clientMic(init, offer);
      AcceptResult r = ctx.accept(NegTokenInit.encode(offer, init.firstToken(), mic));
      assertThat(r.status()).isEqualTo(AcceptStatus.COMPLETE);
      KdcFixture.verifyAcceptorMic(init, offer,
          NegTokenResp.parse(r.outputToken()).mechListMic().orElseThrow());
    }
  }

  @Test
  void clockSkewCarriesAKrbErrorInsideTheSpnegoReject() throws Exception {
    clock.advance(Duration.ofMinutes(10));
    ServerContext ctx = acceptor().newContext();
    try (JdkInitiator init = kdc.spnego()) {
      assertThatThrownBy(() -> ctx.accept(init.firstToken()))
          .isInstanceOfSatisfying(RejectedException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.CLOCK_SKEW);
            NegTokenResp reject = KdcFixture.resp(e.errorToken().orElseThrow());
            assertThat(reject.negState()).contains(NegState.REJECT);
            byte[] krbError = reject.responseToken().orElseThrow();
            assertThat(GssFraming.looksFramed(krbError)).isTrue();
          });
      assertThat(ctx.state()).isEqualTo(ContextState.FAILED);
    }
  }

  @Test
  void contextExpiresWithItsTicket() throws Exception {
    ServerContext ctx = acceptor().newContext();
    try (JdkInitiator init = kdc.krb5(false)) {
      ctx.accept(init.firstToken());
      clock.advance(Duration.between(clock.instant(), ctx.established().endTime()).plusSeconds(1));
      assertThatThrownBy(ctx::protection).satisfies(t -> assertReason(t, Reason.CONTEXT_EXPIRED));
      assertThat(ctx.state()).isEqualTo(ContextState.EXPIRED);
    }
  }

  @Test
  void keysOfTwoKeytabsAreMerged(KdcPrincipals names) throws Exception {
    KdcFixture other = new KdcFixture(names, "IMAP");
    Acceptor both = Acceptor.builder().keytab(kdc.keytab).keytab(other.keytab).clock(clock).build();
    try (JdkInitiator http = kdc.krb5(false); JdkInitiator imap = other.krb5(false)) {
      assertThat(both.newContext().accept(http.firstToken()).status())
          .isEqualTo(AcceptStatus.COMPLETE);
      assertThat(both.newContext().accept(imap.firstToken()).status())
          .isEqualTo(AcceptStatus.COMPLETE);
    }
  }

  @Test
  void spnAllowlistRefusesOtherServices() throws Exception {
    Acceptor onlyImap = kdc.acceptor().clock(clock)
        .allowedServices(p -> p.components().get(0).equals("IMAP")).build();
    ServerContext ctx = onlyImap.newContext();
    try (JdkInitiator init = kdc.spnego()) {
      assertThatThrownBy(() -> ctx.accept(init.firstToken()))
          .satisfies(t -> assertReason(t, Reason.SERVICE_NOT_ALLOWED));
    }
  }

  /** The JDK wraps, we unwrap; we wrap, the JDK unwraps: the context keys agree. */
  static void assertJdkTalksToOurProtection(JdkInitiator init, MessageProtection ours)
      throws Exception {
    byte[] hello = "hello acceptor".getBytes(StandardCharsets.UTF_8);
    byte[] wrapped = init.call(() -> init.context().wrap(hello, 0, hello.length,
        new MessageProp(0, true)));
    assertThat(ours.unwrap(wrapped, 0, wrapped.length).data()).isEqualTo(hello);
    byte[] reply = ours.wrap(hello, 0, hello.length, true);
    assertThat(init.call(() -> init.context().unwrap(reply, 0, reply.length,
        new MessageProp(0, true)))).isEqualTo(hello);
  }

  @Test
  void flagsAreThoseTheClientAskedFor() throws Exception {
    ServerContext ctx = acceptor().newContext();
    try (JdkInitiator init = kdc.krb5(true)) {
      ctx.accept(init.firstToken());
      assertThat(ctx.established().flags()).contains(ContextFlag.MUTUAL, ContextFlag.INTEG);
    }
  }
}
