package dev.krb5gss.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krb5gss.context.Acceptor;
import dev.krb5gss.error.Reason;
import dev.krb5gss.replay.ReplayCaches;
import dev.krb5gss.replay.redis.RedisServer;
import dev.krb5gss.replay.redis.RequiresRedis;
import dev.krb5gss.testkit.JdkInitiator;
import dev.krb5gss.testkit.KdcExtension;
import dev.krb5gss.testkit.KdcPrincipals;
import java.util.Base64;
import javax.security.auth.Subject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What replay/README.md promises a load balancer without connection affinity: two nodes share the
 * replay cache in Redis but not pending negotiations, so a second SPNEGO leg that lands on the
 * other node gets NO_CONTEXT (401 with a fresh challenge) and the client starts over there.
 */
@RequiresRedis
@ExtendWith(KdcExtension.class)
class ClusterLegAffinityTest {
  private static RedisServer redis;
  private static Subject alice;
  private static String target;
  private static NegotiateHandler nodeA;
  private static NegotiateHandler nodeB;

  @BeforeAll
  static void start(KdcPrincipals names) throws Exception {
    redis = RedisServer.start();
    String service = names.addService("HTTP");
    names.addUser("alice", "alice-pw");
    alice = names.kdc().login(names.user("alice"), "alice-pw");
    target = names.hostbased("HTTP");
    var keytab = names.keytab(service);
    String uri = redis.uri("?timeout=250");
    nodeA = NegotiateHandler.builder(Acceptor.builder().keytab(keytab)
        .replayCache(ReplayCaches.fromUri(uri)).build()).build();
    nodeB = NegotiateHandler.builder(Acceptor.builder().keytab(keytab)
        .replayCache(ReplayCaches.fromUri(uri)).build()).build();
  }

  @AfterAll
  static void stop() throws Exception {
    redis.close();
  }

  private static NegotiateRequest request(byte[] token) {
    return NegotiateRequest.of("Negotiate " + Base64.getEncoder().encodeToString(token),
        "connection:lb-1", "127.0.0.1", 40000);
  }

  @Test
  void aSecondLegOnAnotherNodeIsNoContextAndTheClientStartsOver() throws Exception {
    try (JdkInitiator init = JdkInitiator.to(target).start(alice)) {
      NegotiateOutcome first = nodeA.handle(request(NegotiateAdapterContract.ntlmFirstOffer()));
      assertThat(first.kind()).isEqualTo(NegotiateOutcome.Kind.CONTINUE);

      NegotiateOutcome elsewhere = nodeB.handle(
          request(NegotiateAdapterContract.secondLeg(init)));

      assertThat(elsewhere.reason()).contains(Reason.NO_CONTEXT);
      assertThat(elsewhere.status()).isEqualTo(401);
      assertThat(elsewhere.wwwAuthenticate()).contains("Negotiate");
    }
    try (JdkInitiator again = JdkInitiator.to(target).spnego().start(alice)) {
      NegotiateOutcome restarted = nodeB.handle(request(again.firstToken()));
      assertThat(restarted.isAuthenticated()).isTrue();
      assertThat(nodeA.handle(request(again.firstToken())).reason()).contains(Reason.REPLAY);
    }
  }
}
