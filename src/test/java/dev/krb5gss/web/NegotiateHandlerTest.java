package dev.krb5gss.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.context.Acceptor;
import dev.krb5gss.crypto.EncType;
import dev.krb5gss.crypto.SecretBytes;
import dev.krb5gss.error.Reason;
import dev.krb5gss.keytab.ServiceKey;
import dev.krb5gss.keytab.ServiceKeyTable;
import dev.krb5gss.name.PrincipalName;
import dev.krb5gss.spnego.NegTokenResp;
import java.security.SecureRandom;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The handler's bookkeeping without a container or a KDC: the tokens here stop before the
 * Kerberos step (an NTLM-first SPNEGO offer needs a second leg; a continuation needs a pending
 * context), so a random service key is enough.
 */
class NegotiateHandlerTest {
  private final LogCapture log = LogCapture.of(FailureLog.LOGGER, Level.ALL);

  @AfterEach
  void close() {
    log.close();
  }

  private static Acceptor acceptor(int maxPendingPerClient) throws Exception {
    return acceptor(100, maxPendingPerClient);
  }

  private static Acceptor acceptor(int maxPending, int maxPendingPerClient) throws Exception {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    ServiceKeyTable keys = ServiceKeyTable.of(List.of(new ServiceKey(
        PrincipalName.parse("HTTP/web.test@TEST", ""), 1, EncType.AES256_CTS_HMAC_SHA1_96,
        SecretBytes.copyOf(key))));
    return Acceptor.builder().keys(keys).maxPending(maxPending)
        .maxPendingPerKey(maxPendingPerClient).build();
  }

  private static NegotiateRequest offer(String connection, String host, int port) {
    return NegotiateRequest.of(NegotiateAdapterContractAccess.negotiate(
        NegotiateAdapterContractAccess.ntlmFirstOffer()), connection, host, port);
  }

  @Test
  void aFirstLegIsHeldPerConnectionUntilThePerClientCapWithoutALogLinePerRefusal()
      throws Exception {
    NegotiateHandler handler = NegotiateHandler.builder(acceptor(2)).build();

    NegotiateOutcome first = handler.handle(offer("c1", "10.0.0.1", 1000));
    NegotiateOutcome second = handler.handle(offer("c2", "10.0.0.1", 1001));
    NegotiateOutcome third = handler.handle(offer("c3", "10.0.0.1", 1002));

    assertThat(first.kind()).isEqualTo(NegotiateOutcome.Kind.CONTINUE);
    assertThat(NegTokenResp.parse(java.util.Base64.getDecoder().decode(
        first.wwwAuthenticate().orElseThrow().substring(10))).supportedMech()).isPresent();
    assertThat(second.kind()).isEqualTo(NegotiateOutcome.Kind.CONTINUE);
    assertThat(third.reason()).contains(Reason.TOO_MANY_PENDING);
    assertThat(third.status()).isEqualTo(401);
    assertThat(handler.acceptor().pendingContexts().pendingCount()).isEqualTo(2);
    assertThat(handler.acceptor().pendingContexts().refusedCount()).isEqualTo(1);
    assertThat(log.messages()).isEmpty();
  }

  @Test
  void anIpv6SlashSixtyFourIsOneClient() throws Exception {
    NegotiateHandler handler = NegotiateHandler.builder(acceptor(2)).build();

    handler.handle(offer("c1", "2001:db8:1:2::1", 1000));
    handler.handle(offer("c2", "2001:db8:1:2:aaaa:bbbb:cccc:dddd", 1000));
    NegotiateOutcome third = handler.handle(offer("c3", "2001:db8:1:2:ffff::9", 1000));
    NegotiateOutcome otherNet = handler.handle(offer("c4", "2001:db8:1:3::1", 1000));

    assertThat(third.reason()).contains(Reason.TOO_MANY_PENDING);
    assertThat(otherNet.kind()).isEqualTo(NegotiateOutcome.Kind.CONTINUE);
  }

  @Test
  void anEvictedNegotiationsNextLegIsToldItWasEvicted() throws Exception {
    NegotiateHandler handler = NegotiateHandler.builder(acceptor(2, 2)).build();
    handler.handle(offer("victim", "10.0.0.1", 1000));
    handler.handle(offer("f1", "10.0.0.2", 1000));
    handler.handle(offer("f2", "10.0.0.3", 1000));
    byte[] leg = NegTokenResp.of(null, null, new byte[] {0x60, 0x00}, null).encode();

    NegotiateOutcome next = handler.handle(NegotiateRequest.of(
        NegotiateAdapterContractAccess.negotiate(leg), "victim", "10.0.0.1", 1000));

    assertThat(next.reason()).contains(Reason.PENDING_EVICTED);
    assertThat(next.status()).isEqualTo(401);
    assertThat(handler.acceptor().pendingContexts().evictedCount()).isEqualTo(1);
    assertThat(log.messages()).singleElement().asString().contains("evicted");
  }

  @Test
  void aNewFirstLegOnTheSameConnectionReplacesThePendingOne() throws Exception {
    NegotiateHandler handler = NegotiateHandler.builder(acceptor(1)).build();

    handler.handle(offer("c1", "10.0.0.1", 1000));
    NegotiateOutcome again = handler.handle(offer("c1", "10.0.0.1", 1000));

    assertThat(again.kind()).isEqualTo(NegotiateOutcome.Kind.CONTINUE);
    assertThat(handler.acceptor().pendingContexts().pendingCount()).isEqualTo(1);
  }

  @Test
  void aContinuationOnAnotherConnectionFindsNoContext() throws Exception {
    NegotiateHandler handler = NegotiateHandler.builder(acceptor(4)).build();
    handler.handle(offer("c1", "10.0.0.1", 1000));
    byte[] leg = NegTokenResp.of(null, null, new byte[] {0x60, 0x00}, null).encode();

    NegotiateOutcome other = handler.handle(NegotiateRequest.of(
        NegotiateAdapterContractAccess.negotiate(leg), "c2", "10.0.0.1", 1001));

    assertThat(other.reason()).contains(Reason.NO_CONTEXT);
    assertThat(other.status()).isEqualTo(401);
    assertThat(other.wwwAuthenticate()).contains("Negotiate");
    assertThat(handler.acceptor().pendingContexts().pendingCount()).isEqualTo(1);
  }

  @Test
  void aMalformedHeaderIsRejectedAndLogged() throws Exception {
    NegotiateHandler handler = NegotiateHandler.builder(acceptor(4)).build();

    NegotiateOutcome r = handler.handle(NegotiateRequest.of("Negotiate", "c1", "10.0.0.9", 1));

    assertThat(r.reason()).contains(Reason.MALFORMED_TOKEN);
    assertThat(log.messages()).singleElement().asString().contains("10.0.0.9:1");
  }

  @Test
  void withoutAHeaderItChallenges() throws Exception {
    NegotiateHandler handler = NegotiateHandler.builder(acceptor(4)).build();

    NegotiateOutcome r = handler.handle(NegotiateRequest.of(null, "c1", "10.0.0.9", 1));

    assertThat(r.kind()).isEqualTo(NegotiateOutcome.Kind.CHALLENGE);
    assertThat(r.wwwAuthenticate()).contains("Negotiate");
    assertThat(log.messages()).isEmpty();
  }
}
